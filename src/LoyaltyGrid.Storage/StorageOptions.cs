namespace LoyaltyGrid.Storage;

/// <summary>Section <c>LoyaltyGrid:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "LoyaltyGrid:Storage";

    /// <summary><c>Embedded</c> (SQLite file under <see cref="DataDirectory"/>) or <c>PostgreSQL</c>.</summary>
    public string Provider { get; set; } = "Embedded";

    /// <summary>Where the embedded provider keeps its database file.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Npgsql connection string for the PostgreSQL provider.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>A member's state is snapshotted after this many events since the last snapshot.</summary>
    public int SnapshotEvery { get; set; } = 100;

    /// <summary>How long a request_id is remembered for idempotent retries.</summary>
    public TimeSpan RequestRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Most appends one group commit carries.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>Group commits that may be on their way to the database at once.</summary>
    public int MaxConcurrentCommits { get; set; } = 4;

    /// <summary>How often the silo looks for members with holds to release.</summary>
    public TimeSpan WakeUpPollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
