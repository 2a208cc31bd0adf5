namespace LoyaltyGrid.Grains.Insights;

/// <summary>Section <c>LoyaltyGrid:Insights</c>: the insights projection every silo runs.</summary>
public sealed class InsightsOptions
{
    public const string Section = "LoyaltyGrid:Insights";

    /// <summary>Whether this silo follows the journal into the insights tables (several silos may; each batch is applied once).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the projection looks for new events once it has caught up.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most journal events read and applied in one transaction.</summary>
    public int BatchSize { get; set; } = 1000;
}
