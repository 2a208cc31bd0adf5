namespace LoyaltyGrid.Domain.Programs;

/// <summary>A purchase whose qualifying spend reaches <see cref="MinSpendMinor"/> earns <see cref="BonusPoints"/>.</summary>
public sealed record SpendThresholdRule(long MinSpendMinor, long BonusPoints) : PromotionRule;
