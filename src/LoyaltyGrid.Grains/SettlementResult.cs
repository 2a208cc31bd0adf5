using LoyaltyGrid.Domain.Coalitions;

namespace LoyaltyGrid.Grains;

/// <summary>
/// A settlement, how often each partner applied each shared benefit in the period, how many of each reward of the
/// catalogue were redeemed (less cancellations) per partner, and whether the period is over
/// (its figures final) at the time it was computed.
/// </summary>
[GenerateSerializer, Immutable, Alias("lg.SettlementResult")]
public sealed record SettlementResult(
    [property: Id(0)] SettlementReport Report,
    [property: Id(1)] bool Closed,
    [property: Id(2)] IReadOnlyList<Domain.Benefits.BenefitUsage> BenefitUses,
    [property: Id(3)] IReadOnlyList<Domain.Rewards.RewardRedemptionUsage> RewardRedemptions);
