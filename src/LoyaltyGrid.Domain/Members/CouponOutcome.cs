namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// What a coupon code sent with a purchase did: accepted with a discount or bonus, or refused with a stable
/// <see cref="Reason"/> (COUPON_NOT_FOUND, COUPON_EXPIRED, COUPON_USED_UP, …) and a message for the cashier.
/// A refused coupon does not refuse the purchase.
/// </summary>
public sealed record CouponOutcome(
    string Code,
    string? PromotionId,
    bool Accepted,
    string? Reason,
    string? Message,
    long DiscountMinor,
    long BonusPoints);
