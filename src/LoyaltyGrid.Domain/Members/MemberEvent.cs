using System.Text.Json.Serialization;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// One fact in a member's journal. Every event that changes points is a ledger entry: it says why it exists
/// (the request, the rule, where) and carries the balance after it, so a statement explains each point.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(MemberEnrolled), "enrolled")]
[JsonDerivedType(typeof(PurchaseRecorded), "purchase")]
[JsonDerivedType(typeof(ReturnRecorded), "return")]
[JsonDerivedType(typeof(RedemptionAuthorized), "hold")]
[JsonDerivedType(typeof(RedemptionCaptured), "capture")]
[JsonDerivedType(typeof(RedemptionReleased), "release")]
[JsonDerivedType(typeof(PointsMatured), "matured")]
[JsonDerivedType(typeof(PointsExpired), "expired")]
[JsonDerivedType(typeof(PointsReinstated), "reinstated")]
[JsonDerivedType(typeof(TierChanged), "tier")]
[JsonDerivedType(typeof(BooksClosed), "books-closed")]
[JsonDerivedType(typeof(MemberImported), "imported")]
[JsonDerivedType(typeof(HistoricalPurchaseImported), "historical-purchase")]
[JsonDerivedType(typeof(PointsAdjusted), "adjusted")]
[JsonDerivedType(typeof(EarningCancelled), "earning-cancelled")]
[JsonDerivedType(typeof(PointsTransferredOut), "transferred-out")]
[JsonDerivedType(typeof(PointsTransferredIn), "transferred-in")]
[JsonDerivedType(typeof(TransferSettled), "transfer-settled")]
[JsonDerivedType(typeof(BirthdayChanged), "birthday")]
[JsonDerivedType(typeof(BirthdayBonusAwarded), "birthday-bonus")]
[JsonDerivedType(typeof(EventRecorded), "event")]
[JsonDerivedType(typeof(EnrolmentBonusAwarded), "enrolment-bonus")]
[JsonDerivedType(typeof(ConsentBonusAwarded), "consent-bonus")]
[JsonDerivedType(typeof(FeedbackRewardCredited), "feedback-reward")]
[JsonDerivedType(typeof(OfferBonusCredited), "offer-bonus")]
[JsonDerivedType(typeof(TierAssigned), "tier-assigned")]
[JsonDerivedType(typeof(ReferralCodeIssued), "referral-code")]
[JsonDerivedType(typeof(ReferralMade), "referral-made")]
[JsonDerivedType(typeof(ReferredBy), "referred-by")]
[JsonDerivedType(typeof(ReferralPurchaseQualified), "referral-qualified")]
[JsonDerivedType(typeof(ReferralClosed), "referral-closed")]
[JsonDerivedType(typeof(ReferralSettled), "referral-settled")]
[JsonDerivedType(typeof(ReferralOutcomeDelivered), "referral-delivered")]
[JsonDerivedType(typeof(ContactDigestsChanged), "contact-digests")]
[JsonDerivedType(typeof(RewardRedeemed), "reward-redeemed")]
[JsonDerivedType(typeof(RewardRedemptionRefunded), "reward-refunded")]
[JsonDerivedType(typeof(SegmentsChanged), "segments")]
[JsonDerivedType(typeof(MarketingConsentsChanged), "marketing-consents")]
[JsonDerivedType(typeof(NpsAnswered), "nps-answered")]
[JsonDerivedType(typeof(TierRiskChecked), "tier-risk-checked")]
[JsonDerivedType(typeof(PartnerReferred), "partner-referred")]
[JsonDerivedType(typeof(PartnerReferralFeeDue), "partner-referral-fee-due")]
public abstract record MemberEvent
{
    /// <summary>The client's idempotency key; null for events the system makes by itself (hold expiry).</summary>
    public string? RequestId { get; init; }

    /// <summary>Digest of the request's content, to tell a retry from a reused id.</summary>
    public string? Fingerprint { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public Balance BalanceAfter { get; init; } = Balance.Zero;

    /// <summary>This event's effect on a balance. Pure; <see cref="MemberState.Apply"/> uses it.</summary>
    public abstract Balance ApplyTo(Balance before);
}
