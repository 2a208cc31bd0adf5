using System.Net;
using LoyaltyGrid.Grains;
using LoyaltyGrid.Grains.Insights;
using LoyaltyGrid.Grains.Messaging;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.PostgreSql;
using LoyaltyGrid.Storage.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace LoyaltyGrid.Silo;

/// <summary>Where configuration picks the storage and clustering providers: one place each.</summary>
public static class HostingExtensions
{
    public static IServiceCollection AddLoyaltyGridStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .Validate(o => o.Provider is "Embedded" or "PostgreSQL",
                $"{StorageOptions.Section}:Provider must be Embedded or PostgreSQL.")
            .Validate(o => o.Provider != "PostgreSQL" || !string.IsNullOrWhiteSpace(o.ConnectionString),
                $"{StorageOptions.Section}:ConnectionString is required when Provider is PostgreSQL.")
            .Validate(o => o.Provider != "Embedded" || !string.IsNullOrWhiteSpace(o.DataDirectory),
                $"{StorageOptions.Section}:DataDirectory is required when Provider is Embedded.")
            .Validate(o => o.SnapshotEvery > 0 && o.MaxBatchSize > 0 && o.RequestRetention > TimeSpan.Zero,
                $"{StorageOptions.Section}: SnapshotEvery, MaxBatchSize and RequestRetention must be positive.")
            .ValidateOnStart();
        services.TryAddSingletonTimeProvider();
        services.AddSingleton(sp => CreateBackend(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<StorageBackend>().Events);
        // The projections follow the journal a few batches apart: one read and one decode of each event serves both.
        services.AddSingleton<IJournalFeed>(sp => new RecentJournalFeed(sp.GetRequiredService<StorageBackend>().Feed));
        services.AddSingleton(sp => sp.GetRequiredService<StorageBackend>().Insights);
        services.AddSingleton(sp => sp.GetRequiredService<StorageBackend>().Messages);
        services.AddSingleton<GroupCommitJournal>();
        services.AddSingleton<IJournal>(sp => sp.GetRequiredService<GroupCommitJournal>());
        services.AddHostedService<StorageStartup>();
        services.AddHostedService<WakeUpService>();
        return services;
    }

    /// <summary>The insights projection: every silo follows the journal into the analytic tables (README, "Insights").</summary>
    public static IServiceCollection AddLoyaltyGridInsights(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InsightsOptions>()
            .Bind(configuration.GetSection(InsightsOptions.Section))
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.BatchSize is > 0 and <= 10_000,
                $"{InsightsOptions.Section}: PollInterval must be positive and BatchSize between 1 and 10000.")
            .ValidateOnStart();
        services.AddSingleton<InsightsProjection>();
        services.AddHostedService(sp => sp.GetRequiredService<InsightsProjection>());
        return services;
    }

    /// <summary>The member messages projection: every silo follows the journal into the messages outbox (README, "Member messages").</summary>
    public static IServiceCollection AddLoyaltyGridMessages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MessagesOptions>()
            .Bind(configuration.GetSection(MessagesOptions.Section))
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.BatchSize is > 0 and <= 10_000 && o.DueBatchSize is > 0 and <= 10_000,
                $"{MessagesOptions.Section}: PollInterval must be positive, BatchSize and DueBatchSize between 1 and 10000.")
            .ValidateOnStart();
        services.AddSingleton<MessagesProjection>();
        services.AddHostedService(sp => sp.GetRequiredService<MessagesProjection>());
        return services;
    }

    /// <summary>API keys: the bootstrap admin key (configured, or generated and printed once on first start).</summary>
    public static IServiceCollection AddLoyaltyGridSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>()
            .Bind(configuration.GetSection(SecurityOptions.Section))
            .Validate(o => o.BootstrapKey is null || o.BootstrapKey.Length is >= 32 and <= 200,
                $"{SecurityOptions.Section}:BootstrapKey must be 32 to 200 characters (or unset, to have one generated).")
            .ValidateOnStart();
        services.AddHostedService<SecurityBootstrap>();
        return services;
    }

    public static ISiloBuilder AddLoyaltyGridClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = configuration.GetSection(ClusteringOptions.Section).Get<ClusteringOptions>() ?? new ClusteringOptions();
        switch (options.Provider)
        {
            case "Localhost":
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
                break;
            case "Redis":
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new OptionsValidationException(ClusteringOptions.Section, typeof(ClusteringOptions),
                        [$"{ClusteringOptions.Section}:ConnectionString is required when Provider is Redis."]);
                }
                silo.UseRedisClustering(redis => redis.ConfigurationOptions = ConfigurationOptions.Parse(options.ConnectionString));
                silo.Configure<Orleans.Configuration.ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = options.ClusterId;
                    cluster.ServiceId = options.ServiceId;
                });
                silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort);
                silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(ConfigureFastFailover);
                break;
            default:
                throw new OptionsValidationException(ClusteringOptions.Section, typeof(ClusteringOptions),
                    [$"{ClusteringOptions.Section}:Provider must be Localhost or Redis, not '{options.Provider}'."]);
        }
        silo.AddLoyaltyGridGrains();
        return silo;
    }

    /// <summary>
    /// A till cannot wait the 13-18 s Orleans' defaults take to declare a dead silo dead (three missed 5 s probes),
    /// and until then every call that needs the dead silo (its members, and the grain directory partition it held)
    /// waits. Probing every second and declaring death after two missed probes brings a dead silo's members back on
    /// the survivors within about 3 s of its death (README, "Failover"); the membership table (Redis) is read and
    /// written every 2 s, which costs it a few small operations per silo and second. Votes expire after 10 s, so a
    /// stale suspicion never adds to a later one.
    /// </summary>
    private static void ConfigureFastFailover(Orleans.Configuration.ClusterMembershipOptions membership)
    {
        membership.ProbeTimeout = TimeSpan.FromSeconds(1);
        membership.MinProbeTimeout = TimeSpan.FromMilliseconds(500);
        membership.MaxProbeTimeout = TimeSpan.FromSeconds(2);
        membership.NumMissedProbesLimit = 2;
        membership.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
        membership.NumMissedTableIAmAliveLimit = 2;
        membership.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
    }

    private static StorageBackend CreateBackend(StorageOptions options)
    {
        if (options.Provider == "PostgreSQL")
        {
            // The group commit sends the same few statements thousands of times a second: let Npgsql prepare them
            // once per connection instead of PostgreSQL parsing and planning each one.
            var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            if (connection.MaxAutoPrepare == 0)
            {
                connection.MaxAutoPrepare = 20;
            }
            // No statement sets session state (advisory locks are per transaction), so a pooled connection need not be
            // reset (DISCARD ALL, seven statements) each time it is handed out again: a group commit takes one each time.
            // (NpgsqlConnectionStringBuilder.ContainsKey says whether a keyword exists, not whether it was given.)
            var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = options.ConnectionString };
            if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
            {
                connection.NoResetOnClose = true;
            }
            var dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
            var postgres = new PostgreSqlEventStore(dataSource);
            return new StorageBackend(postgres, postgres, new PostgreSqlInsightsStore(dataSource), new PostgreSqlMessageStore(dataSource));
        }
        Directory.CreateDirectory(options.DataDirectory);
        var sqlite = new SqliteEventStore(Path.Combine(options.DataDirectory, "loyaltygrid.db"));
        return new StorageBackend(sqlite, sqlite, new SqliteInsightsStore(sqlite), new SqliteMessageStore(sqlite));
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
