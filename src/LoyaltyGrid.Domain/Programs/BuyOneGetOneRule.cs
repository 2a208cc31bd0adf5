namespace LoyaltyGrid.Domain.Programs;

/// <summary>Of qualifying items, every second one (the cheaper of each pair) is <see cref="PercentOff"/> off; 100 = free.</summary>
public sealed record BuyOneGetOneRule(long PercentOff, ItemScope Scope) : PromotionRule;
