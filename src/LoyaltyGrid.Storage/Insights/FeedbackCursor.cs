namespace LoyaltyGrid.Storage.Insights;

/// <summary>Where a page of feedback (newest first) ended: the last row's time and id.</summary>
public sealed record FeedbackCursor(DateTimeOffset RecordedAt, string FeedbackId);
