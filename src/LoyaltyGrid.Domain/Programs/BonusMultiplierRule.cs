namespace LoyaltyGrid.Domain.Programs;

/// <summary>Points on the lines in scope are multiplied: 200 = double points (the bonus is the extra 100%).</summary>
public sealed record BonusMultiplierRule(long MultiplierPercent, ItemScope Scope) : PromotionRule;
