using LoyaltyGrid.Storage.PostgreSql;
using LoyaltyGrid.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;
using static LoyaltyGrid.Storage.Tests.TestPayloads;

namespace LoyaltyGrid.Storage.Tests;

/// <summary>
/// A database created by main 0384d1b (text payload columns, no version table) is upgraded in place by the migrations,
/// its rows still read (as their UTF-8 bytes), and new rows are bytes. The DDL below is copied from 0384d1b, not from
/// Migrations/001, so the test still holds if someone edits that script.
/// </summary>
public sealed class SchemaMigrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private const string LegacySqlite = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS events (stream_id TEXT NOT NULL, seq INTEGER NOT NULL, recorded_at INTEGER NOT NULL, payload TEXT NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS events_by_stream ON events (stream_id, seq);
        CREATE TABLE IF NOT EXISTS snapshots (stream_id TEXT NOT NULL PRIMARY KEY, seq INTEGER NOT NULL, payload TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS wakeups (stream_id TEXT NOT NULL PRIMARY KEY, due_at INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS wakeups_by_due_at ON wakeups (due_at);
        INSERT INTO events VALUES ('member/p/m', 1, 0, '{"$type":"enrolled","Name":"Łódź"}');
        INSERT INTO snapshots VALUES ('member/p/m', 1, '{"Version":1}');
        """;

    private const string LegacyPostgres = """
        CREATE TABLE IF NOT EXISTS lg_events (stream_id text COLLATE "C" NOT NULL, seq bigint NOT NULL, recorded_at bigint NOT NULL,
            payload text NOT NULL, PRIMARY KEY (stream_id, seq));
        CREATE TABLE IF NOT EXISTS lg_snapshots (stream_id text COLLATE "C" NOT NULL PRIMARY KEY, seq bigint NOT NULL, payload text NOT NULL);
        CREATE TABLE IF NOT EXISTS lg_wakeups (stream_id text COLLATE "C" NOT NULL PRIMARY KEY, due_at bigint NOT NULL);
        CREATE INDEX IF NOT EXISTS lg_wakeups_by_due_at ON lg_wakeups (due_at);
        INSERT INTO lg_events VALUES ('member/p/m', 1, 0, '{"$type":"enrolled","Name":"Łódź"}');
        INSERT INTO lg_snapshots VALUES ('member/p/m', 1, '{"Version":1}');
        """;

    [Fact]
    public async Task A_sqlite_file_made_by_0384d1b_is_upgraded_in_place_and_its_json_rows_still_read()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("lg-migrate-").FullName, "journal.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = LegacySqlite;
            command.ExecuteNonQuery();
        }
        using var store = new SqliteEventStore(path);
        await store.InitializeAsync(None);
        await store.InitializeAsync(None);

        await AssertUpgradedAsync(store);
        using var check = new SqliteConnection($"Data Source={path};Pooling=false");
        check.Open();
        using var versions = check.CreateCommand();
        versions.CommandText = "SELECT group_concat(version || ':' || name, ' ') FROM schema_versions ORDER BY version";
        Assert.Equal("1:001_initial 2:002_binary_payloads 3:003_journal_positions 4:004_insights 5:005_insights_store_days 6:006_insights_settlement 7:007_feedback 8:008_insights_lean 9:009_reward_redemptions 10:010_insights_store_days_presence 11:011_segment_members 12:012_messages 13:013_insights_referrals 14:014_partner_referral_fees", versions.ExecuteScalar());
    }

    [Fact]
    public async Task A_postgres_database_made_by_0384d1b_is_upgraded_in_place_once_while_several_silos_start_at_once()
    {
        var (name, connectionString) = await TestPostgres.CreateDatabaseAsync();
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await using (var command = dataSource.CreateCommand(LegacyPostgres))
            {
                await command.ExecuteNonQueryAsync();
            }
            var stores = Enumerable.Range(0, 4).Select(_ => new PostgreSqlEventStore(dataSource)).ToArray();
            await Task.WhenAll(stores.Select(s => s.InitializeAsync(None)));

            await AssertUpgradedAsync(stores[0]);
            await using var versions = dataSource.CreateCommand("SELECT string_agg(version || ':' || name, ' ' ORDER BY version) FROM lg_schema_versions");
            Assert.Equal("1:001_initial 2:002_binary_payloads 3:003_journal_positions 4:004_insights 5:005_insights_store_days 6:006_insights_settlement 7:007_feedback 8:008_insights_lean 9:009_reward_redemptions 10:010_insights_store_days_presence 11:011_segment_members 12:012_messages 13:013_insights_referrals 14:014_partner_referral_fees", await versions.ExecuteScalarAsync());
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public void The_scripts_are_the_same_versions_on_both_backends()
    {
        Assert.Equal(
            SqliteEventStore.Migrations.Select(m => m.Name),
            PostgreSqlEventStore.Migrations.Select(m => m.Name));
    }

    private static async Task AssertUpgradedAsync(IEventStore store)
    {
        // The legacy rows read as their UTF-8 bytes; the JSON's leading '{' tells the format layer what they are.
        Assert.Equal([Event(1, """{"$type":"enrolled","Name":"Łódź"}""")], await store.ReadForwardAsync("member/p/m", 0, None));
        Assert.Equal(Snapshot("member/p/m", 1, """{"Version":1}"""), await store.ReadSnapshotAsync("member/p/m", None));

        byte[] binary = [0x01, 0x00, 0xFF, 0x7B, 0x80];
        await store.AppendAsync([new StreamAppend("member/p/m", 2, [binary])], None);
        await store.WriteSnapshotAsync(new StoredSnapshot("member/p/m", 2, binary), None);

        Assert.Equal([Event(1, """{"$type":"enrolled","Name":"Łódź"}"""), new StoredEvent(2, binary)], await store.ReadForwardAsync("member/p/m", 0, None));
        Assert.Equal([new StoredEvent(2, binary)], await store.ReadBackwardAsync("member/p/m", 3, 1, None));
        Assert.Equal([new StreamEvent("member/p/m", 2, binary)], await store.ReadStreamsAsync("member/", "member/p/m", 1, 10, None));
        Assert.Equal(new StoredSnapshot("member/p/m", 2, binary), await store.ReadSnapshotAsync("member/p/m", None));

        // The journal feed has the old row, before the new one (on PostgreSQL once no other transaction holds its horizon).
        IReadOnlyList<JournalEvent> feed = [];
        for (var attempt = 0; attempt < 300 && feed.Count < 2; attempt++, await Task.Delay(100))
        {
            feed = await ((IJournalFeed)store).ReadAllAsync(JournalPosition.Start, 10, None);
        }
        Assert.Equal([("member/p/m", 1L), ("member/p/m", 2L)], feed.Select(e => (e.StreamId, e.Sequence)));
    }
}
