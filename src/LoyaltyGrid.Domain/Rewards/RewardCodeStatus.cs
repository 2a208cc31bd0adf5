namespace LoyaltyGrid.Domain.Rewards;

/// <summary>A reward code at checkout: its terms, whether its one use is taken, and whether it was cancelled.</summary>
public sealed record RewardCodeStatus(RewardCode Terms, bool Used, bool Cancelled);
