using static LoyaltyGrid.Storage.Tests.TestPayloads;
namespace LoyaltyGrid.Storage.Tests;

public sealed class SqliteEventStoreTests(SqliteStoreFixture fixture)
    : EventStoreContract(fixture.Store), IClassFixture<SqliteStoreFixture>;
