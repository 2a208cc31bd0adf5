using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Members;

/// <summary>Whether a promotion applies to a member's purchase at a time; the reason, stable and upper case, if not.</summary>
public static class PromotionEligibility
{
    /// <summary>
    /// Whether the promotion applies, building no message: pricing checks every promotion of the program at every
    /// purchase, and most of them do not apply.
    /// </summary>
    public static bool Applies(Promotion promotion, ProgramRules rules, MemberState member, DateTimeOffset at)
    {
        var starts = promotion.EarlyAccess is { } early && rules.RankOf(member.Tier.TierId) >= rules.RankOf(early.MinTierId)
            ? early.StartsAt
            : promotion.StartsAt;
        if (at < starts || at >= promotion.EffectiveEnd)
        {
            return false;
        }
        if (promotion.UsageLimitPerMember > 0 && member.PromotionUses.GetValueOrDefault(promotion.PromotionId) >= promotion.UsageLimitPerMember)
        {
            return false;
        }
        // The days of the week need the program's time zone: WhyNot's. The other checks are WhyNot's too, without
        // building the message of a refusal that most purchases meet (a tier's promotion for every other tier).
        if (promotion.DaysOfWeek.Count > 0)
        {
            return WhyNot(promotion, rules, member, at) is null;
        }
        return Targets(promotion.Target, member, at) && MemberSegments.InAny(member, promotion.SegmentIds)
            && !(promotion.Rule is FirstPurchaseRule && member.KeptPurchaseCount > 0);
    }

    /// <summary>Whether the member is one the promotion's target selects.</summary>
    private static bool Targets(PromotionTarget target, MemberState member, DateTimeOffset at) => target.Kind switch
    {
        TargetKind.Tiers => member.Tier.TierId is { } tier && target.TierIds.Contains(tier),
        TargetKind.FirstTimeCustomers => member.KeptPurchaseCount == 0,
        TargetKind.Lapsed => member.KeptPurchaseCount > 0 && !(member.LastKeptPurchaseAt > at.AddDays(-target.LapsedDays)),
        _ => true,
    };

    public static (string Reason, string Message)? WhyNot(Promotion promotion, ProgramRules rules, MemberState member, DateTimeOffset at)
    {
        var starts = promotion.EarlyAccess is { } early && rules.RankOf(member.Tier.TierId) >= rules.RankOf(early.MinTierId)
            ? early.StartsAt
            : promotion.StartsAt;
        if (at < starts)
        {
            return ("PROMOTION_NOT_STARTED", promotion.EarlyAccess is { } e && e.StartsAt <= at
                ? $"promotion '{promotion.PromotionId}' is open early only to tier '{e.MinTierId}' and above until {promotion.StartsAt:O}"
                : $"promotion '{promotion.PromotionId}' starts at {starts:O}");
        }
        if (at >= promotion.EffectiveEnd)
        {
            return ("PROMOTION_ENDED", $"promotion '{promotion.PromotionId}' ended at {promotion.EffectiveEnd:O}");
        }
        if (promotion.DaysOfWeek.Count > 0)
        {
            var local = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(rules.Settings.TimeZone));
            if (!promotion.DaysOfWeek.Contains(local.DayOfWeek))
            {
                return ("PROMOTION_NOT_TODAY", $"promotion '{promotion.PromotionId}' does not apply on {local.DayOfWeek} ({rules.Settings.TimeZone})");
            }
        }
        var target = promotion.Target;
        if (!Targets(target, member, at))
        {
            return ("NOT_ELIGIBLE", target.Kind switch
            {
                TargetKind.Tiers => $"promotion '{promotion.PromotionId}' is for tiers {string.Join(", ", target.TierIds)} only",
                TargetKind.FirstTimeCustomers => $"promotion '{promotion.PromotionId}' is for first-time customers only",
                _ => $"promotion '{promotion.PromotionId}' is for members who have not bought for {target.LapsedDays} days",
            });
        }
        var hasBought = member.KeptPurchaseCount > 0;
        if (!MemberSegments.InAny(member, promotion.SegmentIds))
        {
            return ("NOT_IN_SEGMENT", $"promotion '{promotion.PromotionId}' is for segments {string.Join(", ", promotion.SegmentIds)} only");
        }
        if (promotion.Rule is FirstPurchaseRule && hasBought)
        {
            return ("NOT_ELIGIBLE", $"promotion '{promotion.PromotionId}' rewards a first purchase only");
        }
        if (promotion.UsageLimitPerMember > 0 && member.PromotionUses.GetValueOrDefault(promotion.PromotionId) >= promotion.UsageLimitPerMember)
        {
            return ("USAGE_LIMIT_REACHED", $"promotion '{promotion.PromotionId}' was already used {promotion.UsageLimitPerMember} time(s), its limit per member");
        }
        return null;
    }
}
