using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// When to warn a member that its tier is at risk, and whether it is: <see cref="Messaging.MessagingPolicy.TierWarningDays"/>
/// before the review (its grace included), once per review, for a tier with a threshold to lose. The member is woken
/// then by its due timer, like a review.
/// </summary>
public static class TierWarnings
{
    /// <summary>When the member's next tier-risk check falls due; null: none (no warning set, no review, or checked already).</summary>
    public static DateTimeOffset? NextDue(MemberState state, ProgramRules rules)
    {
        var days = rules.Messaging.TierWarningDays;
        if (days <= 0 || !rules.TierPolicy.Reviews || state.Tier.Assigned || state.Tier.TierId is not { } tierId
            || state.Tier.ReviewAt is not { } review || state.TierRiskCheckedFor == review)
        {
            return null;
        }
        var rank = rules.RankOf(tierId);
        return rank > 0 && rules.Tiers[rank - 1].Threshold > 0 ? review.AddDays(rules.TierPolicy.GraceDays - days) : null;
    }

    /// <summary>The check, if due by <paramref name="now"/> and before the review itself.</summary>
    public static TierRiskChecked? Due(MemberState state, ProgramRules rules, DateTimeOffset now)
    {
        if (NextDue(state, rules) is not { } due || due > now)
        {
            return null;
        }
        var review = state.Tier.ReviewAt!.Value;
        var at = review.AddDays(rules.TierPolicy.GraceDays);
        if (now >= at)
        {
            return null;
        }
        var tierId = state.Tier.TierId!;
        var threshold = rules.Tiers[rules.RankOf(tierId) - 1].Threshold;
        return new TierRiskChecked(tierId, review, state.TierMetricAt(rules.TierPolicy, at), threshold) { OccurredAt = now, RecordedAt = now };
    }
}
