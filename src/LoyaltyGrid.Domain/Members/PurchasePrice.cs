namespace LoyaltyGrid.Domain.Members;

/// <summary>Everything a basket earns and gets off, before anything is recorded: what a purchase records and a preview shows.</summary>
public sealed record PurchasePrice(
    IReadOnlyList<PointsComponent> Components,
    IReadOnlyList<long> LineNetMinor,
    IReadOnlyList<long> LineQualifyingMinor,
    IReadOnlyList<DiscountLine> Discounts,
    IReadOnlyList<PunchLine> PunchLines,
    IReadOnlyList<PunchCardChange> PunchCards,
    IReadOnlyList<CouponOutcome> Coupons,
    IReadOnlyList<string> PromotionsUsed,
    Int128 Points)
{
    /// <summary>Coupons for a later visit the purchase earns; their codes are the recorded purchase's to give.</summary>
    public IReadOnlyList<BounceBackCoupon> BounceBack { get; init; } = [];
}
