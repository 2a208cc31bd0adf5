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

    /// <summary>Most held messages released, and most expiry checks made (each reads one member), in one transaction.</summary>
    public int DueBatchSize { get; set; } = 200;
}
