using LoyaltyGrid.Storage.Sqlite;

namespace LoyaltyGrid.Storage.Tests;

public sealed class SqliteInsightsStoreTests(SqliteStoreFixture fixture)
    : InsightsStoreContract(new SqliteInsightsStore(fixture.Store)), IClassFixture<SqliteStoreFixture>;
