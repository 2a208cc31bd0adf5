namespace LoyaltyGrid.Storage.Tests;

public sealed class SqliteJournalFeedTests(SqliteStoreFixture fixture)
    : JournalFeedContract(fixture.Store), IClassFixture<SqliteStoreFixture>;
