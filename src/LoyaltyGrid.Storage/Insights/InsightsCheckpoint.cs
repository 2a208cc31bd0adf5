namespace LoyaltyGrid.Storage.Insights;

/// <summary>The projection's progress: the feed position of the last event applied, how many events it has applied, and when it last moved.</summary>
public sealed record InsightsCheckpoint(JournalPosition Position, long Events, DateTimeOffset? UpdatedAt);
