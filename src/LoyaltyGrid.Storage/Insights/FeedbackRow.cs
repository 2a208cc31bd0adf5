namespace LoyaltyGrid.Storage.Insights;

/// <summary>
/// One feedback as the insights projection keeps it (table <c>feedback</c>, one row per feedback). Channel is the stored
/// number of feedback_events.proto; <see cref="TerminalId"/> is <c>""</c> when none was named; times to the millisecond.
/// </summary>
public sealed record FeedbackRow(
    string ProgramId,
    string FeedbackId,
    string MemberId,
    string? TransactionId,
    string MerchantId,
    string StoreId,
    string TerminalId,
    int? Nps,
    int? Csat,
    string? Comment,
    int Channel,
    long RewardPoints,
    DateTimeOffset RecordedAt);
