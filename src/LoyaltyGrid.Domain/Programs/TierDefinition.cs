namespace LoyaltyGrid.Domain.Programs;

/// <param name="Threshold">The metric value (minor units or points) that qualifies for the tier.</param>
/// <param name="EarnMultiplierPercent">Earn rate of the tier's members, percent of base (150 = 1.5×).</param>
/// <param name="Benefits">Named benefits, e.g. "free-shipping", "priority-service".</param>
public sealed record TierDefinition(
    string TierId,
    string Name,
    long Threshold,
    long EarnMultiplierPercent,
    IReadOnlyList<string> Benefits);
