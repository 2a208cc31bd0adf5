namespace LoyaltyGrid.Domain.Programs;

/// <summary>A member's first purchase earns <see cref="BonusPoints"/>.</summary>
public sealed record FirstPurchaseRule(long BonusPoints) : PromotionRule;
