using static LoyaltyGrid.Storage.Tests.TestPayloads;
namespace LoyaltyGrid.Storage.Tests;

public sealed class PostgreSqlGroupCommitJournalTests(PostgresStoreFixture fixture)
    : GroupCommitJournalTests(fixture.Store), IClassFixture<PostgresStoreFixture>;
