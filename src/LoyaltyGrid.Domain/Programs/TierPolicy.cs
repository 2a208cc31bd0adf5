using System.Text.Json.Serialization;

namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// How members move between tiers. The metric is summed over the last <see cref="WindowMonths"/>. A member
/// moves up as soon as a purchase crosses a threshold. How they move down is the <see cref="DowngradeMode"/>: by
/// default a member is reviewed <see cref="ReviewMonths"/> after their last tier change or review and, if they no
/// longer qualify, drops one tier <see cref="GraceDays"/> later unless they have qualified again by then.
/// </summary>
/// <remarks>
/// <see cref="DowngradeMode"/> is left out of the stored JSON at its default, so a policy set before modes is
/// stored, read and fingerprinted exactly as before.
/// </remarks>
public sealed record TierPolicy(TierMetric Metric, int WindowMonths, int ReviewMonths, int GraceDays)
{
    public static readonly TierPolicy Default = new(TierMetric.QualifyingSpend, 12, 12, 30);

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public TierDowngradeMode DowngradeMode { get; init; }

    /// <summary>Whether members are reviewed at all (only in <see cref="TierDowngradeMode.AtReview"/>).</summary>
    [JsonIgnore]
    public bool Reviews => DowngradeMode == TierDowngradeMode.AtReview;

    /// <summary>When a member whose tier changed at <paramref name="at"/> is next reviewed; null when the mode holds no reviews.</summary>
    public DateTimeOffset? ReviewAfter(DateTimeOffset at) => Reviews ? at.AddMonths(ReviewMonths) : null;
}
