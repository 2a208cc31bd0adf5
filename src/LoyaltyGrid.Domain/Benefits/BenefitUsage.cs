using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain.Benefits;

/// <summary>How often a partner applied a benefit in a settlement period: one line of the usage count.</summary>
public sealed record BenefitUsage(string MerchantId, string BenefitId, long Uses)
{
    /// <summary>
    /// Uses per partner and benefit of purchases recorded in [<paramref name="from"/>, <paramref name="until"/>) (server
    /// time, as settlement periods are, so a closed period's count never changes), ordered by merchant then benefit.
    /// A use stays counted when the goods come back: the partner gave the benefit.
    /// </summary>
    public static IReadOnlyList<BenefitUsage> Count(IEnumerable<JournaledMemberEvent> journal, DateTimeOffset from, DateTimeOffset until) =>
        journal
            .Select(j => j.Event)
            .OfType<PurchaseRecorded>()
            .Where(p => p.RecordedAt >= from && p.RecordedAt < until)
            .SelectMany(p => p.AppliedBenefitIds.Select(id => (p.MerchantId, BenefitId: id)))
            .GroupBy(use => use)
            .Select(g => new BenefitUsage(g.Key.MerchantId, g.Key.BenefitId, g.LongCount()))
            .OrderBy(u => u.MerchantId, StringComparer.Ordinal)
            .ThenBy(u => u.BenefitId, StringComparer.Ordinal)
            .ToArray();
}
