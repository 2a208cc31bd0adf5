namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// Points one rule gave one purchase. <see cref="Rule"/> is "base-rate", "tier:{tier_id}" or "promotion:{promotion_id}".
/// Proportional components (base rate, tier and multiplier bonuses) are rounded down once per purchase; fixed
/// bonuses (spend threshold, first purchase, repeat purchase, cumulative spend, coupon points) are whole.
/// </summary>
public sealed record PointsComponent(string Rule, string? PromotionId, long Points, string Description)
{
    /// <summary>For proportional components: each line's share of <see cref="Points"/>. Empty for fixed bonuses.</summary>
    public IReadOnlyList<long> LinePoints { get; init; } = [];

    /// <summary>
    /// For fixed bonuses: reversed in full by the return that takes the purchase's kept qualifying spend below this.
    /// 0 for proportional components, which are reversed line by line.
    /// </summary>
    public long MinKeptMinor { get; init; }
}
