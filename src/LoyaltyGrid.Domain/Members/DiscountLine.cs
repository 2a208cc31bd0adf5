namespace LoyaltyGrid.Domain.Members;

/// <summary>Money off one line that the POS applies: from a promotion (punch card, buy-one-get-one) or a coupon.</summary>
public sealed record DiscountLine(string PromotionId, string? CouponCode, string Sku, long Quantity, long AmountMinor, string Description);
