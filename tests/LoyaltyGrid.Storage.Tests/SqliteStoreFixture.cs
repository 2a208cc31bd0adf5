using LoyaltyGrid.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace LoyaltyGrid.Storage.Tests;

/// <summary>A <see cref="SqliteEventStore"/> on a fresh temp file, created for one test class and deleted after it.</summary>
public sealed class SqliteStoreFixture : IAsyncLifetime
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("lg-storage-tests-");

    public SqliteEventStore Store { get; private set; } = null!;

    public string DatabasePath => Path.Combine(directory.FullName, "journal.db");

    public async Task InitializeAsync()
    {
        Store = new SqliteEventStore(DatabasePath);
        await Store.InitializeAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Store?.Dispose();
        // The store's readers are pooled; close them so the file is really released before it is deleted.
        SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
