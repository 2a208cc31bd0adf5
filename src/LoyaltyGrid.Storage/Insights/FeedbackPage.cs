namespace LoyaltyGrid.Storage.Insights;

/// <summary>A page of feedback, newest first, and where the next starts (null: this is the last).</summary>
public sealed record FeedbackPage(IReadOnlyList<FeedbackRow> Rows, FeedbackCursor? Next);
