using LoyaltyGrid.Storage.PostgreSql;
using Npgsql;

namespace LoyaltyGrid.Storage.Tests;

/// <summary>A <see cref="PostgreSqlEventStore"/> on a database of its own, created for one test class and dropped after it.</summary>
public sealed class PostgresStoreFixture : IAsyncLifetime
{
    private string? databaseName;
    private NpgsqlDataSource? dataSource;

    public PostgreSqlEventStore Store { get; private set; } = null!;

    public NpgsqlDataSource DataSource => dataSource!;

    public async Task InitializeAsync()
    {
        (databaseName, var connectionString) = await TestPostgres.CreateDatabaseAsync();
        dataSource = NpgsqlDataSource.Create(connectionString);
        Store = new PostgreSqlEventStore(dataSource);
        await Store.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (dataSource is not null)
        {
            await dataSource.DisposeAsync();
        }
        if (databaseName is not null)
        {
            await TestPostgres.DropDatabaseAsync(databaseName);
        }
    }
}
