using static LoyaltyGrid.Storage.Tests.TestPayloads;
using LoyaltyGrid.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace LoyaltyGrid.Storage.Tests;

/// <summary>What one <see cref="SqliteEventStore"/> wrote, a new one on the same file reads back.</summary>
public sealed class SqliteDurabilityTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("lg-storage-durability-");

    private string DatabasePath => Path.Combine(directory.FullName, "journal.db");

    [Fact]
    public async Task Events_snapshots_and_wake_ups_survive_reopening_the_file()
    {
        var wakeUp = new DateTimeOffset(2030, 5, 6, 7, 8, 9, 123, TimeSpan.Zero);
        using (var first = new SqliteEventStore(DatabasePath))
        {
            await first.InitializeAsync(None);
            await first.AppendAsync([Append("member-1", 1, ["a", "b"], new WakeUp(wakeUp))], None);
            await first.AppendAsync([Append("member-1", 3, ["c"]), Append("member-2", 1, ["x"])], None);
            await first.WriteSnapshotAsync(Snapshot("member-1", 2, "snapshot at 2"), None);
        }
        // Close the pooled readers too: nothing of the first store may stay open.
        SqliteConnection.ClearAllPools();

        using var second = new SqliteEventStore(DatabasePath);
        await second.InitializeAsync(None);

        Assert.Equal(
            [Event(1, "a"), Event(2, "b"), Event(3, "c")],
            await second.ReadForwardAsync("member-1", 0, None));
        Assert.Equal([Event(1, "x")], await second.ReadForwardAsync("member-2", 0, None));
        Assert.Equal(Snapshot("member-1", 2, "snapshot at 2"), await second.ReadSnapshotAsync("member-1", None));
        Assert.Empty(await second.ReadDueWakeUpsAsync(wakeUp.AddMilliseconds(-1), 10, None));
        Assert.Equal(["member-1"], await second.ReadDueWakeUpsAsync(wakeUp, 10, None));

        // The reopened store knows where each stream ends.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            second.AppendAsync([Append("member-1", 3, ["c again"])], None));
        await second.AppendAsync([Append("member-1", 4, ["d"])], None);
        Assert.Equal([Event(4, "d")], await second.ReadForwardAsync("member-1", 3, None));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }
}
