namespace LoyaltyGrid.Domain.Programs;

/// <summary>What is known about a coupon code at checkout: its batch (null: no such code, or a reward code) and how often it has been used.</summary>
public sealed record CouponStatus(string Code, CouponBatch? Batch, int Uses)
{
    /// <summary>For a code of the rewards catalogue (no batch): what its reward grants and whether it can still be used.</summary>
    public Rewards.RewardCodeStatus? Reward { get; init; }
}
