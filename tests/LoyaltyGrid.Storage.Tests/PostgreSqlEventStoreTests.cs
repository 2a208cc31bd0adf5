using static LoyaltyGrid.Storage.Tests.TestPayloads;
namespace LoyaltyGrid.Storage.Tests;

public sealed class PostgreSqlEventStoreTests(PostgresStoreFixture fixture)
    : EventStoreContract(fixture.Store), IClassFixture<PostgresStoreFixture>;
