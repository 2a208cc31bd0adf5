namespace LoyaltyGrid.Domain.Programs;

/// <summary>The purchase that takes the member's total spend since the promotion started past <see cref="ThresholdMinor"/> earns <see cref="BonusPoints"/>.</summary>
public sealed record CumulativeSpendRule(long ThresholdMinor, long BonusPoints) : PromotionRule;
