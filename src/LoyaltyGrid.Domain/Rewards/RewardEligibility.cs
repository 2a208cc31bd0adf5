namespace LoyaltyGrid.Domain.Rewards;

/// <summary>
/// Why a member may not redeem a reward now, or null if they may: the one rule used both by ListRewards (to say why
/// not) and by RedeemReward (the reward's checks in the reward's grain, the member's in the member's account).
/// The first reason that applies is given, in this order: window, stock, member limit, tier, segment, points.
/// </summary>
public static class RewardEligibility
{
    public static (string Reason, string Message)? RewardWhyNot(Reward reward, long stockLeft, int memberTaken, DateTimeOffset now)
    {
        if (now < reward.ValidFrom)
        {
            return ("REWARD_NOT_STARTED", $"reward '{reward.RewardId}' can be redeemed from {reward.ValidFrom:O}");
        }
        if (reward.ValidUntil is { } until && now >= until)
        {
            return ("REWARD_ENDED", $"reward '{reward.RewardId}' could be redeemed until {until:O}");
        }
        if (stockLeft <= 0)
        {
            return ("REWARD_OUT_OF_STOCK", $"reward '{reward.RewardId}' is out of stock (all {reward.Stock} taken)");
        }
        if (reward.PerMemberLimit > 0 && memberTaken >= reward.PerMemberLimit)
        {
            return ("REWARD_LIMIT_REACHED", $"a member may redeem reward '{reward.RewardId}' {reward.PerMemberLimit} time(s), and has");
        }
        return null;
    }

    public static (string Reason, string Message)? MemberWhyNot(Reward reward, string? tierId, IReadOnlyCollection<string> memberSegments, long available) =>
        MemberWhyNot(reward.RewardId, reward.TierIds, reward.SegmentIds, reward.PointsCost, tierId, memberSegments, available);

    /// <param name="memberSegments">The segments the member is in (<see cref="Members.MemberState.Segments"/>).</param>
    public static (string Reason, string Message)? MemberWhyNot(string rewardId, IReadOnlyList<string> tierIds, IReadOnlyList<string> segmentIds,
        long pointsCost, string? tierId, IReadOnlyCollection<string> memberSegments, long available)
    {
        if (tierIds.Count > 0 && (tierId is null || !tierIds.Contains(tierId)))
        {
            return ("REWARD_TIER_NOT_ELIGIBLE",
                $"reward '{rewardId}' is for tier(s) {string.Join(", ", tierIds)}; the member is in {(tierId is null ? "no tier" : $"tier {tierId}")}");
        }
        if (segmentIds.Count > 0 && !segmentIds.Any(memberSegments.Contains))
        {
            return ("REWARD_SEGMENT_NOT_ELIGIBLE",
                $"reward '{rewardId}' is for members of segment(s) {string.Join(", ", segmentIds)}; the member is in none of them");
        }
        if (available < pointsCost)
        {
            return ("INSUFFICIENT_POINTS", $"reward '{rewardId}' costs {pointsCost} points, the member has {available} available");
        }
        return null;
    }

    public static (string Reason, string Message)? WhyNot(Reward reward, long stockLeft, int memberTaken, string? tierId,
        IReadOnlyCollection<string> memberSegments, long available, DateTimeOffset now) =>
        RewardWhyNot(reward, stockLeft, memberTaken, now) ?? MemberWhyNot(reward, tierId, memberSegments, available);
}
