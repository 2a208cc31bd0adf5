using LoyaltyGrid.Domain.Referrals;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The referee's accepted referral while it is open: waiting for the first qualifying purchase, then for it to be
/// final (<see cref="FinalAt"/>), then, once closed, for the referrer to acknowledge the outcome.
/// </summary>
public sealed record OpenReferral(string ReferralId, string ReferrerMemberId)
{
    public string? TransactionId { get; init; }

    public DateTimeOffset? FinalAt { get; init; }

    /// <summary>Rewarded or voided; the outcome is owed to the referrer until it acknowledges.</summary>
    public bool Closed { get; init; }

    public long ReferrerPoints { get; init; }

    public long RefereePoints { get; init; }

    public ReferralRejection? Voided { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }
}
