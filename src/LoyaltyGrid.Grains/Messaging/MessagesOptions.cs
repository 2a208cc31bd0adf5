namespace LoyaltyGrid.Grains.Messaging;

/// <summary>Section <c>LoyaltyGrid:Messages</c>: the member messages projection every silo runs.</summary>
public sealed class MessagesOptions
{
    public const string Section = "LoyaltyGrid:Messages";

    /// <summary>Whether this silo follows the journal into the messages outbox (several silos may; each batch is applied once).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often a caught-up projection looks for new events, held messages now due and expiry checks.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most journal events read and applied in one transaction.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// After a batch that was not full, how long the background loop waits before it reads again. A step costs about
    /// the same whatever its size, so under a steady trickle of events this reads one fuller batch every wait instead of
    /// one small step after another (at 1,000 purchases/s: a few steps a second instead of dozens). Zero reads again at once.
    /// </summary>
    public TimeSpan BatchWait { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Most held messages released, and most expiry checks made (each reads one member), in one transaction.</summary>
    public int DueBatchSize { get; set; } = 200;
}
