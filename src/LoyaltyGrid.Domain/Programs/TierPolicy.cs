namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// How members move between tiers. The metric is summed over the last <see cref="WindowMonths"/>. A member
/// moves up as soon as a purchase crosses a threshold; a member is reviewed <see cref="ReviewMonths"/> after their
/// last tier change or review and, if they no longer qualify, drops one tier <see cref="GraceDays"/> later unless
/// they have qualified again by then.
/// </summary>
public sealed record TierPolicy(TierMetric Metric, int WindowMonths, int ReviewMonths, int GraceDays)
{
    public static readonly TierPolicy Default = new(TierMetric.QualifyingSpend, 12, 12, 30);
}
