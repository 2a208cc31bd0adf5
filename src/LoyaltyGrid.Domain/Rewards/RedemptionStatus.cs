namespace LoyaltyGrid.Domain.Rewards;

/// <summary>The numbers are stored (rewards_events.proto, the grain's answers): never renumber.</summary>
public enum RedemptionStatus
{
    /// <summary>Stock reserved, the member's debit not yet known to have happened.</summary>
    Reserved = 1,

    /// <summary>Points debited, the code is the member's.</summary>
    Issued = 2,

    /// <summary>Cancelled before use: stock and points given back (<see cref="RewardRedemption.Refunded"/> once the points are).</summary>
    Cancelled = 3,
}
