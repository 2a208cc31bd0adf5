using static LoyaltyGrid.Storage.Tests.TestPayloads;
namespace LoyaltyGrid.Storage.Tests;

public sealed class SqliteGroupCommitJournalTests(SqliteStoreFixture fixture)
    : GroupCommitJournalTests(fixture.Store), IClassFixture<SqliteStoreFixture>;
