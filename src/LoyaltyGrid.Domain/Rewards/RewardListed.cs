namespace LoyaltyGrid.Domain.Rewards;

/// <summary>A reward joined its program's catalogue (the catalogue's stream: ids only; each reward's stream has the rest).</summary>
public sealed record RewardListed(string RewardId, DateTimeOffset At);
