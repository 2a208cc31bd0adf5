namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>How to start a silo process: its storage and clustering, as configuration keys.</summary>
public sealed record SiloOptions
{
    public required string StorageProvider { get; init; }

    /// <summary>Data directory (Embedded) or connection string (PostgreSQL).</summary>
    public required string StorageLocation { get; init; }

    public string ClusteringProvider { get; init; } = "Localhost";

    public string? ClusteringConnectionString { get; init; }

    /// <summary>Silos with the same cluster id (and Redis) form one cluster.</summary>
    public string ClusterId { get; init; } = "loyaltygrid";

    /// <summary>Tests log warnings and above only; true: the silo's own default log levels, as a newcomer sees them.</summary>
    public bool DefaultLogging { get; init; }

    /// <summary>No bootstrap key configured: the silo generates one and prints it.</summary>
    public bool GeneratedBootstrapKey { get; init; }

    public static SiloOptions Embedded(string dataDirectory) =>
        new() { StorageProvider = "Embedded", StorageLocation = dataDirectory };

    public static SiloOptions Postgres(string connectionString) =>
        new() { StorageProvider = "PostgreSQL", StorageLocation = connectionString };

    /// <summary>A cluster of its own: a new PostgreSQL journal and a new cluster id on the tests' Redis membership.</summary>
    public static async Task<SiloOptions> RedisClusterAsync() =>
        Postgres(await PostgresDatabase.CreateAsync()) with
        {
            ClusteringProvider = "Redis",
            ClusteringConnectionString = TestEnvironment.RedisConnectionString,
            ClusterId = "lg-" + Guid.NewGuid().ToString("N")[..12],
        };
}
