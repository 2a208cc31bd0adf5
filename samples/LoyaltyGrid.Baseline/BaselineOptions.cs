namespace LoyaltyGrid.Baseline;

/// <summary>Settings of the baseline host (configuration section <c>Baseline</c>, e.g. <c>Baseline__ConnectionString</c>).</summary>
public sealed class BaselineOptions
{
    public const string Section = "Baseline";

    /// <summary>The grain storage's name in <c>[PersistentState]</c>.</summary>
    public const string StorageName = "members";

    /// <summary>Npgsql connection string of the PostgreSQL database the AdoNet grain storage writes to.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Orleans silo-to-silo port (localhost clustering, one silo).</summary>
    public int SiloPort { get; set; } = 11121;

    /// <summary>Orleans client gateway port.</summary>
    public int GatewayPort { get; set; } = 30010;
}
