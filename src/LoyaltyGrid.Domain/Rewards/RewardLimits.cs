namespace LoyaltyGrid.Domain.Rewards;

public static class RewardLimits
{
    /// <summary>Rewards per program: ListRewards reads each reward's grain.</summary>
    public const int MaxRewardsPerProgram = 500;

    /// <summary>
    /// Reward ids are shorter than other ids: a reward code is the reward id, '.', and ten random characters, and a code
    /// is a coupon code (at most 64 characters).
    /// </summary>
    public const int MaxRewardIdLength = 40;

    public const long MaxStock = 10_000_000;

    public const int MaxPerMemberLimit = 1_000;

    public const long MaxPointsCost = 1_000_000_000_000;

    public const int MaxTierIds = 20;

    public const int MaxDescriptionLength = 1_000;
}
