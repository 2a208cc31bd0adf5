namespace LoyaltyGrid.Domain.Programs;

/// <summary>The <see cref="Purchases"/>-th purchase within <see cref="WindowDays"/> days earns <see cref="BonusPoints"/>.</summary>
public sealed record RepeatPurchaseRule(int Purchases, int WindowDays, long BonusPoints) : PromotionRule;
