namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// Applies only with one of the promotion's coupon codes: a fixed discount, a percentage off the basket,
/// or bonus points (exactly one of them is non-zero).
/// </summary>
public sealed record CouponRule(long DiscountMinor, long DiscountPercent, long BonusPoints) : PromotionRule;
