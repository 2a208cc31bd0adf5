using LoyaltyGrid.Storage.PostgreSql;

namespace LoyaltyGrid.Storage.Tests;

public sealed class PostgreSqlInsightsStoreTests(PostgresStoreFixture fixture)
    : InsightsStoreContract(new PostgreSqlInsightsStore(fixture.DataSource)), IClassFixture<PostgresStoreFixture>;
