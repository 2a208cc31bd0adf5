using LoyaltyGrid.Grains.Insights;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Insights;
using LoyaltyGrid.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace LoyaltyGrid.Grains.Tests;

/// <summary>
/// Two in-process silos sharing one SQLite journal and one fake clock. The test client reaches grains
/// through a gateway, so every call and reply crosses Orleans serialization.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    // Silo configurators are created by type, so they find the fixture's shared pieces here.
    private static ClusterFixture? current;

    public TestCluster Cluster { get; private set; } = null!;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public SqliteEventStore Store { get; } = new(Path.Combine(Directory.CreateTempSubdirectory("lg-grains-").FullName, "journal.db"));

    public StorageOptions Options { get; } = new() { SnapshotEvery = 5 };

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>Each silo's own rules cache, to see what a checkout on that silo would see.</summary>
    public IReadOnlyList<IProgramRulesCache> RulesCaches => Cluster.Silos
        .Select(silo => Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<IProgramRulesCache>())
        .ToArray();

    /// <summary>Waits (up to 5 s) until a snapshot at or after <paramref name="atLeast"/> of the member's stream is stored: snapshots are written off the grain's turn.</summary>
    public async Task WaitForSnapshotAsync(string program, string member, long atLeast)
    {
        var stream = MemberKey.StreamOf(MemberKey.For(program, member));
        for (var i = 0; i < 100; i++)
        {
            if (await Store.ReadSnapshotAsync(stream, CancellationToken.None) is { } snapshot && snapshot.Sequence >= atLeast)
            {
                return;
            }
            await Task.Delay(50);
        }
        Assert.Fail($"No snapshot at or after {atLeast} was written for {stream}.");
    }

    public async Task InitializeAsync()
    {
        await Store.InitializeAsync(CancellationToken.None);
        current = this;
        Cluster = new TestClusterBuilder(initialSilosCount: 2)
            .AddSiloBuilderConfigurator<SiloConfigurator>()
            .AddClientBuilderConfigurator<ClientConfigurator>()
            .Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Store.Dispose();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var fixture = current!;
            silo.Services.AddKeyedSingleton<TimeProvider>(LoyaltyClock.Key, fixture.Time);
            silo.Services.AddSingleton<IEventStore>(fixture.Store);
            // As the silo does: the projections share one feed read and decode (RecentJournalFeed).
            silo.Services.AddSingleton<IJournalFeed>(new RecentJournalFeed(fixture.Store));
            silo.Services.AddSingleton<IInsightsStore>(new SqliteInsightsStore(fixture.Store));
            // Settlement brings the projection up to each call; the continuous projection is not run here.
            silo.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new InsightsOptions()));
            silo.Services.AddSingleton<InsightsProjection>();
            silo.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(fixture.Options));
            silo.Services.AddSingleton<IJournal>(sp => new GroupCommitJournal(
                fixture.Store, sp.GetRequiredService<IOptions<StorageOptions>>(), NullLogger<GroupCommitJournal>.Instance));
            silo.AddLoyaltyGridGrains();
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client) =>
            client.Services.AddLoyaltyGridSerialization();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
