namespace LoyaltyGrid.Storage.Insights;

/// <summary>
/// One reward redemption (<see cref="Units"/> 1) or the refund of a cancelled one (-1) of a coalition program, for
/// settlement. <see cref="PartnerId"/> is "" for the operator's own rewards.
/// </summary>
public sealed record RewardRedemptionChange(string ProgramId, DateTimeOffset RecordedAt, string PartnerId, string RewardId, int Units, long Points);
