namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// A purchase whose qualifying spend reaches <see cref="MinSpendMinor"/> earns the member a coupon of their own for a
/// later visit: <see cref="DiscountPercent"/> off the basket or <see cref="DiscountMinor"/> (exactly one non-zero),
/// valid for <see cref="ValidDays"/> days from the purchase.
/// </summary>
public sealed record BounceBackRule(long MinSpendMinor, long DiscountPercent, long DiscountMinor, int ValidDays) : PromotionRule
{
    public const int MaxValidDays = 365;
}
