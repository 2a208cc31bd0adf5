namespace LoyaltyGrid.Domain.Members;

public enum LedgerEntryType
{
    Purchase,
    Return,
    Hold,
    Capture,
    Release,
    Adjustment,
    /// <summary>Pending points became available (moves points, total unchanged).</summary>
    Maturity,
    Expiry,
    Reinstatement,
    /// <summary>A tier upgrade, review or downgrade (moves no points).</summary>
    TierChange,
    /// <summary>The balance a member brought from another system (bulk import).</summary>
    OpeningBalance,
    /// <summary>Points given to or received from another member (or a transfer given back).</summary>
    Transfer,
    /// <summary>Points a program rule gave outside a purchase (the birthday, enrolment and consent bonuses).</summary>
    Bonus,
    /// <summary>Points a custom event rule gave (RecordEvent).</summary>
    Event,
    /// <summary>Points for a completed feedback (issue 12 item 3).</summary>
    FeedbackReward,
    /// <summary>Points spent on a reward of the catalogue (Rewards/RedeemReward).</summary>
    RewardRedemption = 18,
    /// <summary>A cancelled reward code's points given back (Rewards/CancelRewardRedemption).</summary>
    RewardRefund = 19,
    /// <summary>Points for a referral: the referee's for joining with a code, the referrer's for bringing them (issue 12 part 2).</summary>
    Referral,
    /// <summary>Points of a bonus offer the member accepted (Offers/RespondToOffer, issue 12 part 5).</summary>
    OfferBonus = 21,
}
