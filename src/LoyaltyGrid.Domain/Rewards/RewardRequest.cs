namespace LoyaltyGrid.Domain.Rewards;

/// <summary>
/// A request a reward's stream carried out, remembered for the request retention: a define's answer is the
/// definition it wrote (<see cref="Defined"/>), a redemption's or cancellation's is its code's redemption.
/// </summary>
public sealed record RewardRequest(string Fingerprint, DateTimeOffset RecordedAt, Reward? Defined, string? Code);
