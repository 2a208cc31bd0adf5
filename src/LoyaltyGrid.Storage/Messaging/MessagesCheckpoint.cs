namespace LoyaltyGrid.Storage.Messaging;

/// <summary>
/// Where the messages projection stands: the feed position of the last event applied, and a version that every
/// applied batch moves on (a batch that only releases held messages or runs expiry checks moves the version, not the
/// position), so a batch is applied once even when several silos decided it.
/// </summary>
public sealed record MessagesCheckpoint(JournalPosition Position, long Version, long Events, DateTimeOffset? UpdatedAt);
