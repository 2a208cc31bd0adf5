namespace LoyaltyGrid.Domain.Rewards;

/// <summary>A reward as listed: its definition, the stock left, and how many a given member holds (0 without one).</summary>
public sealed record RewardView(Reward Reward, long StockLeft, int MemberTaken, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
