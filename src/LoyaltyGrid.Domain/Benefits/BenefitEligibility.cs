using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Benefits;

/// <summary>Which benefits a member may use at a merchant at a time.</summary>
public static class BenefitEligibility
{
    /// <summary>The benefits valid at <paramref name="at"/>, at <paramref name="merchantId"/>, for the member, in publication order.</summary>
    public static IReadOnlyList<Benefit> Eligible(ProgramRules rules, MemberState member, string merchantId, DateTimeOffset at) =>
        rules.Benefits.Where(b => b.IsValidAt(at) && b.ParticipatesIn(merchantId) && IsTargeted(b.Target, member, at)
            && MemberSegments.InAny(member, b.SegmentIds)).ToArray();

    private static bool IsTargeted(PromotionTarget target, MemberState member, DateTimeOffset at)
    {
        var hasBought = member.KeptPurchaseCount > 0;
        return target.Kind switch
        {
            TargetKind.Tiers => member.Tier.TierId is { } tier && target.TierIds.Contains(tier),
            TargetKind.FirstTimeCustomers => !hasBought,
            TargetKind.Lapsed => hasBought && member.LastKeptPurchaseAt <= at.AddDays(-target.LapsedDays),
            _ => true,
        };
    }
}
