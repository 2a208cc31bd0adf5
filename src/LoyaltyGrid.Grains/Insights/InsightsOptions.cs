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

    /// <summary>
    /// After a batch that was not full, how long the background loop waits before it reads again. A step costs about
    /// the same whatever its size, so under a steady trickle of events this reads one fuller batch every wait instead of
    /// one small step after another (at 1,000 purchases/s: a few steps a second instead of dozens). Zero reads again at once.
    /// </summary>
    public TimeSpan BatchWait { get; set; } = TimeSpan.FromMilliseconds(200);
}
