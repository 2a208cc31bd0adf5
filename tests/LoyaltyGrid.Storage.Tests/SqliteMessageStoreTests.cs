using LoyaltyGrid.Storage.Sqlite;

namespace LoyaltyGrid.Storage.Tests;

public sealed class SqliteMessageStoreTests(SqliteStoreFixture fixture)
    : MessageStoreContract(new SqliteMessageStore(fixture.Store)), IClassFixture<SqliteStoreFixture>;
