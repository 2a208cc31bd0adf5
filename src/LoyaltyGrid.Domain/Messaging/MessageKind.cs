namespace LoyaltyGrid.Domain.Messaging;

/// <summary>What a member message is about; the numbers are stored in the outbox and are the API's enum values.</summary>
public enum MessageKind
{
    /// <summary>A receipt of points (a purchase's points): transactional, never capped, needs no marketing consent.</summary>
    PointsEarned = 1,

    /// <summary>The available balance rose to the program's reward threshold (<see cref="MessagingPolicy.RewardThresholdPoints"/>).</summary>
    RewardAffordable = 2,

    TierUpgraded = 3,

    /// <summary>Before a tier review, the member would lose its tier with nothing more bought (<see cref="Members.TierRiskChecked"/>).</summary>
    TierAtRisk = 4,

    /// <summary>Points expire within the policy's warning window.</summary>
    PointsExpiring = 5,

    Birthday = 6,

    /// <summary>An offer was created: one message per named member, or one program-wide message for the sender to fan out.</summary>
    NewOffer = 7,

    /// <summary>A shared benefit was published: one program-wide message (no member), for the sender to fan out.</summary>
    BenefitPublished = 8,

    FeedbackRequest = 9,

    /// <summary>A referral's points were credited: transactional, like a receipt.</summary>
    ReferralRewarded = 10,
}
