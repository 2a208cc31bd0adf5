using System.Text.Json.Serialization;

namespace LoyaltyGrid.Domain.Programs;

/// <summary>One change to a program: also its audit entry (who, what, when).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ProgramCreated), "created")]
[JsonDerivedType(typeof(EarningRulesSet), "earning-rules")]
[JsonDerivedType(typeof(ExpiryPolicySet), "expiry-policy")]
[JsonDerivedType(typeof(TierPolicySet), "tier-policy")]
[JsonDerivedType(typeof(TierUpserted), "tier")]
[JsonDerivedType(typeof(PromotionCreated), "promotion")]
[JsonDerivedType(typeof(PromotionEnded), "promotion-ended")]
[JsonDerivedType(typeof(CouponsIssued), "coupons")]
[JsonDerivedType(typeof(ExpiredPointsReinstated), "reinstated")]
[JsonDerivedType(typeof(Coalitions.CoalitionConfigured), "coalition")]
[JsonDerivedType(typeof(Coalitions.PartnerJoined), "partner-joined")]
[JsonDerivedType(typeof(Coalitions.PartnerTermsUpdated), "partner-terms")]
[JsonDerivedType(typeof(Coalitions.PartnerRemoved), "partner-removed")]
[JsonDerivedType(typeof(Benefits.BenefitPublished), "benefit-published")]
[JsonDerivedType(typeof(Benefits.BenefitRetired), "benefit-retired")]
[JsonDerivedType(typeof(BirthdayBonusSet), "birthday-bonus")]
[JsonDerivedType(typeof(EventRuleUpserted), "event-rule")]
[JsonDerivedType(typeof(EventRuleEnded), "event-rule-ended")]
[JsonDerivedType(typeof(EngagementBonusesSet), "engagement-bonuses")]
[JsonDerivedType(typeof(FeedbackRewardSet), "feedback-reward")]
[JsonDerivedType(typeof(ReferralRulesSet), "referral-rules")]
[JsonDerivedType(typeof(SegmentDefined), "segment-defined")]
[JsonDerivedType(typeof(MessagingPolicySet), "messaging-policy")]
public abstract record ProgramEvent
{
    // Set by ProgramAdmin when it accepts the change.
    public string RequestId { get; init; } = "";
    public string Fingerprint { get; init; } = "";
    public string Actor { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }
}
