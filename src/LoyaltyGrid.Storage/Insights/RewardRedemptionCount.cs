namespace LoyaltyGrid.Storage.Insights;

/// <summary>Reward redemptions less cancellations in a period, per partner ("" the operator) and reward, and their points.</summary>
public sealed record RewardRedemptionCount(string PartnerId, string RewardId, long Redemptions, long Points);
