using LoyaltyGrid.Storage.PostgreSql;

namespace LoyaltyGrid.Storage.Tests;

public sealed class PostgreSqlMessageStoreTests(PostgresStoreFixture fixture)
    : MessageStoreContract(new PostgreSqlMessageStore(fixture.DataSource)), IClassFixture<PostgresStoreFixture>;
