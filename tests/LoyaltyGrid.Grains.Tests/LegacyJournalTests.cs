using System.Text.Json;
using System.Text.Json.Nodes;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Insights;
using LoyaltyGrid.Storage.PostgreSql;
using LoyaltyGrid.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.Core.Internal;
using Orleans.TestingHost;

namespace LoyaltyGrid.Grains.Tests;

/// <summary>
/// A journal written by main 0384d1b (Fixtures/legacy-0384d1b.json: its rows, and what its grains then reported),
/// loaded into a SQLite file created with 0384d1b's DDL, opened by this release (the migrations run on start): the
/// members have the same balances, tiers and ledgers, and retries of requests made before the upgrade are replays.
/// Fixtures/LegacyRecorder.cs.txt is the scenario that wrote it.
/// </summary>
/// <remarks>One subclass per backend; they share the static hand-over to the silo configurator, so they run one at a time.</remarks>
[Collection(Name)]
public abstract class LegacyJournalTests : IAsyncLifetime
{
    public const string Name = "legacy-journal";

    private const string LegacySqliteDdl = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS events (stream_id TEXT NOT NULL, seq INTEGER NOT NULL, recorded_at INTEGER NOT NULL, payload TEXT NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS events_by_stream ON events (stream_id, seq);
        CREATE TABLE IF NOT EXISTS snapshots (stream_id TEXT NOT NULL PRIMARY KEY, seq INTEGER NOT NULL, payload TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS wakeups (stream_id TEXT NOT NULL PRIMARY KEY, due_at INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS wakeups_by_due_at ON wakeups (due_at);
        """;

    private const string LegacyPostgresDdl = """
        CREATE TABLE IF NOT EXISTS lg_events (stream_id text COLLATE "C" NOT NULL, seq bigint NOT NULL, recorded_at bigint NOT NULL,
            payload text NOT NULL, PRIMARY KEY (stream_id, seq));
        CREATE TABLE IF NOT EXISTS lg_snapshots (stream_id text COLLATE "C" NOT NULL PRIMARY KEY, seq bigint NOT NULL, payload text NOT NULL);
        CREATE TABLE IF NOT EXISTS lg_wakeups (stream_id text COLLATE "C" NOT NULL PRIMARY KEY, due_at bigint NOT NULL);
        CREATE INDEX IF NOT EXISTS lg_wakeups_by_due_at ON lg_wakeups (due_at);
        """;

    private static LegacyJournalTests? current;

    private readonly JsonElement fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "legacy-0384d1b.json"))).RootElement;
    private TestCluster cluster = null!;
    private IEventStore store = null!;
    private FakeTimeProvider time = null!;

    private IEnumerable<(string Table, string StreamId, long Seq, long RecordedAt, string Payload)> Rows =>
        fixture.GetProperty("Rows").EnumerateArray().Select(row => (
            row.GetProperty("Table").GetString()!, row.GetProperty("StreamId").GetString()!, row.GetProperty("Seq").GetInt64(),
            row.GetProperty("RecordedAt").GetInt64(), row.GetProperty("Payload").GetString()!));

    /// <summary>A store over a fresh database created with 0384d1b's DDL and holding the fixture's rows, not yet initialised.</summary>
    protected abstract Task<IEventStore> CreateLegacyStoreAsync();

    protected abstract Task DropStoreAsync(IEventStore store);

    /// <summary>The backend's insights store, which member grains take (for the referral contact check); these journals have no referrals.</summary>
    protected abstract IInsightsStore InsightsOf(IEventStore store);

    /// <summary>SQLite: a file made by 0384d1b.</summary>
    protected IEventStore LegacySqliteStore()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("lg-legacy-").FullName, "journal.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            connection.Open();
            using var ddl = connection.CreateCommand();
            ddl.CommandText = LegacySqliteDdl;
            ddl.ExecuteNonQuery();
            foreach (var row in Rows)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = row.Table == "events"
                    ? "INSERT INTO events (stream_id, seq, recorded_at, payload) VALUES ($stream, $seq, $at, $payload)"
                    : "INSERT INTO snapshots (stream_id, seq, payload) VALUES ($stream, $seq, $payload)";
                insert.Parameters.AddWithValue("$stream", row.StreamId);
                insert.Parameters.AddWithValue("$seq", row.Seq);
                insert.Parameters.AddWithValue("$at", row.RecordedAt);
                insert.Parameters.AddWithValue("$payload", row.Payload);
                insert.ExecuteNonQuery();
            }
        }
        return new SqliteEventStore(path);
    }

    /// <summary>PostgreSQL: a database made by 0384d1b (the same rows; that release wrote the same JSON text on both backends).</summary>
    protected async Task<IEventStore> LegacyPostgresStoreAsync(NpgsqlDataSource dataSource)
    {
        await using (var ddl = dataSource.CreateCommand(LegacyPostgresDdl))
        {
            await ddl.ExecuteNonQueryAsync();
        }
        foreach (var row in Rows)
        {
            await using var insert = row.Table == "events"
                ? dataSource.CreateCommand("INSERT INTO lg_events (stream_id, seq, payload, recorded_at) VALUES ($1, $2, $3, $4)")
                : dataSource.CreateCommand("INSERT INTO lg_snapshots (stream_id, seq, payload) VALUES ($1, $2, $3)");
            insert.Parameters.Add(new NpgsqlParameter { Value = row.StreamId });
            insert.Parameters.Add(new NpgsqlParameter { Value = row.Seq });
            insert.Parameters.Add(new NpgsqlParameter { Value = row.Payload });
            if (row.Table == "events")
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = row.RecordedAt });
            }
            await insert.ExecuteNonQueryAsync();
        }
        return new PostgreSqlEventStore(dataSource);
    }

    private string Program => fixture.GetProperty("Program").GetString()!;

    public async Task InitializeAsync()
    {
        store = await CreateLegacyStoreAsync();
        await store.InitializeAsync(CancellationToken.None);
        time = new FakeTimeProvider(fixture.GetProperty("Now").GetDateTimeOffset());
        current = this;
        cluster = new TestClusterBuilder(initialSilosCount: 1)
            .AddSiloBuilderConfigurator<SiloConfigurator>()
            .AddClientBuilderConfigurator<ClientConfigurator>()
            .Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
        await DropStoreAsync(store);
    }

    [Fact]
    public async Task Members_written_by_0384d1b_read_with_the_same_balances_tiers_and_ledgers()
    {
        foreach (var recorded in fixture.GetProperty("Members").EnumerateObject())
        {
            var grain = Member(recorded.Name);
            var view = (await grain.Get()).Unwrap();
            var ledger = (await grain.ListLedger(100, null)).Unwrap();
            var expected = recorded.Value;

            Assert.Equal(expected.GetProperty("Balance").Deserialize<Balance>(JournalJson.Options), view.Balance);
            Assert.Equal(expected.GetProperty("Tier").GetString(), view.Overview.Tier?.TierId);
            Assert.Equal(expected.GetProperty("TierMetric").GetInt64(), view.Overview.TierMetric);
            Assert.True(
                JsonNode.DeepEquals(JsonNode.Parse(expected.GetProperty("Ledger").GetRawText()), JsonSerializer.SerializeToNode(ledger.Entries, JournalJson.Options)),
                $"{recorded.Name}'s ledger differs from 0384d1b's:\n{JsonSerializer.Serialize(ledger.Entries, JournalJson.Options)}");
        }
        Assert.Equal("alice", (await cluster.GrainFactory.GetGrain<ICardAliasGrain>(CardAliasKey.For(Program, "card-alice")).Owner()).Unwrap());
        Assert.Equal(1, (await cluster.GrainFactory.GetGrain<ICouponGrain>(CouponKey.For(Program, fixture.GetProperty("Coupon").GetString()!)).Check()).Uses);
        var rules = (await cluster.GrainFactory.GetGrain<IProgramGrain>(Program).Get()).Unwrap();
        Assert.Equal((2, 2), (rules.Tiers.Count, rules.Promotions.Count));
    }

    [Fact]
    public async Task Retries_of_requests_made_before_the_upgrade_are_replays_not_reused_ids()
    {
        var commands = fixture.GetProperty("Commands");
        var purchase = commands.GetProperty("purchase").Deserialize<RecordPurchase>(JournalJson.Options)!;
        var capture = commands.GetProperty("capture").Deserialize<CaptureRedemption>(JournalJson.Options)!;
        // Bob's last purchase, as the recorder sent it (at the fixture's "now"): within the request retention.
        var bobs = new RecordPurchase("b-p2", Program, "bob", "m1", "s2", "t9", "EUR",
            [new PurchaseLine("espresso", "coffee", 1, 250)], time.GetUtcNow());
        var before = (await Member("alice").Get()).Unwrap().Balance;

        var bobRetry = await Member("bob").RecordPurchase(bobs);
        // Alice's purchase and capture were recorded 13 months before "now": past the retention (7 days) they are
        // forgotten, as they were before the upgrade once a snapshot had been written, and count as new requests.
        var purchaseLate = await Member("alice").RecordPurchase(purchase);
        var captureLate = await Member("alice").CaptureRedemption(capture);

        Assert.Null(bobRetry.Error);
        Assert.Equal(25, bobRetry.Unwrap().BalanceAfter.Total);
        Assert.Equal("REQUEST_ID_REUSED", (await Member("bob").RecordPurchase(bobs with { TerminalId = "t2" })).Error!.Reason);
        Assert.Equal("OUTSIDE_OFFLINE_WINDOW", purchaseLate.Error!.Reason);
        Assert.Equal("HOLD_NOT_FOUND", captureLate.Error!.Reason);
        Assert.Equal(before, (await Member("alice").Get()).Unwrap().Balance);
    }

    [Fact]
    public async Task A_stream_with_legacy_rows_and_new_rows_replays_to_the_same_state()
    {
        var bob = Member("bob");
        var purchase = (await bob.RecordPurchase(new RecordPurchase("b-p3", Program, "bob", "m1", "s2", "t9", "EUR",
            [new PurchaseLine("espresso", "coffee", 4, 250)], time.GetUtcNow()))).Unwrap();
        var before = (await bob.Get()).Unwrap();

        await bob.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);

        var after = (await bob.Get()).Unwrap();
        Assert.Equal(JournalJson.Serialize(before), JournalJson.Serialize(after));
        Assert.Equal(25 + purchase.Points, after.Balance.Available);
        var rows = await store.ReadForwardAsync(MemberKey.StreamOf(MemberKey.For(Program, "bob")), 0, CancellationToken.None);
        // Legacy JSON rows, then the new purchase in protobuf (and, the books being closed on old purchases, a BooksClosed).
        Assert.StartsWith("{{{{" + (char)1, string.Concat(rows.Select(r => (char)r.Payload[0])), StringComparison.Ordinal);
    }

    private IMemberGrain Member(string member) => cluster.GrainFactory.GetGrain<IMemberGrain>(MemberKey.For(Program, member));

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var test = current!;
            silo.Services.AddKeyedSingleton<TimeProvider>(LoyaltyClock.Key, test.time);
            silo.Services.AddSingleton<IEventStore>(test.store);
            silo.Services.AddSingleton(test.InsightsOf(test.store));
            silo.Services.AddSingleton(Options.Create(new StorageOptions { SnapshotEvery = 5 }));
            silo.Services.AddSingleton<IJournal>(sp => new GroupCommitJournal(
                test.store, sp.GetRequiredService<IOptions<StorageOptions>>(), NullLogger<GroupCommitJournal>.Instance));
            silo.AddLoyaltyGridGrains();
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client) =>
            client.Services.AddLoyaltyGridSerialization();
    }
}

public sealed class SqliteLegacyJournalTests : LegacyJournalTests
{
    protected override Task<IEventStore> CreateLegacyStoreAsync() => Task.FromResult(LegacySqliteStore());

    protected override IInsightsStore InsightsOf(IEventStore store) => new SqliteInsightsStore((SqliteEventStore)store);

    protected override Task DropStoreAsync(IEventStore store)
    {
        ((SqliteEventStore)store).Dispose();
        return Task.CompletedTask;
    }
}

public sealed class PostgresLegacyJournalTests : LegacyJournalTests
{
    private const string Variable = "LOYALTYGRID_TEST_POSTGRES";

    private string? database;
    private NpgsqlDataSource? dataSource;

    protected override async Task<IEventStore> CreateLegacyStoreAsync()
    {
        // Fails rather than skips when run outside tests/run.sh, like the storage suite.
        var server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set; run the tests with tests/run.sh.");
        database = "lg_legacy_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString);
        return await LegacyPostgresStoreAsync(dataSource);
    }

    protected override IInsightsStore InsightsOf(IEventStore store) => new PostgreSqlInsightsStore(dataSource!);

    protected override async Task DropStoreAsync(IEventStore store)
    {
        await dataSource!.DisposeAsync();
        await ExecuteAsync(Environment.GetEnvironmentVariable(Variable)!, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
