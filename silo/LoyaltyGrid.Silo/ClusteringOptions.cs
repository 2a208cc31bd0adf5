namespace LoyaltyGrid.Silo;

/// <summary>Section <c>LoyaltyGrid:Clustering</c>.</summary>
public sealed class ClusteringOptions
{
    public const string Section = "LoyaltyGrid:Clustering";

    /// <summary><c>Localhost</c> (one silo, nothing to set up) or <c>Redis</c> (membership for several silos).</summary>
    public string Provider { get; set; } = "Localhost";

    /// <summary>StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>.</summary>
    public string? ConnectionString { get; set; }

    public string ClusterId { get; set; } = "loyaltygrid";

    public string ServiceId { get; set; } = "loyaltygrid";

    /// <summary>Port silos talk to each other on; each silo on one host needs its own.</summary>
    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";
}
