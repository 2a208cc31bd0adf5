namespace LoyaltyGrid.Domain.CustomerFeedback;

/// <summary>
/// One feedback in a member's feedback stream (<c>feedback/{program}/{member}</c>). <see cref="RewardPoints"/> above 0:
/// it is incentivised, and the member's points are credited that much once (<see cref="Members.FeedbackRewardCredited"/>).
/// </summary>
/// <param name="PurchasedAt">When the transaction's purchase happened; set with <see cref="TransactionId"/>.</param>
public sealed record FeedbackSubmitted(
    string FeedbackId,
    string? TransactionId,
    DateTimeOffset? PurchasedAt,
    string MerchantId,
    string StoreId,
    string? TerminalId,
    int? Nps,
    int? Csat,
    string? Comment,
    FeedbackChannel Channel,
    long RewardPoints)
{
    public string? RequestId { get; init; }

    public string? Fingerprint { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public bool Incentivised => RewardPoints > 0;
}
