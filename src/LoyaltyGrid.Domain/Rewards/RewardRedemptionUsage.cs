using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain.Rewards;

/// <summary>
/// A settlement period's redemptions of one reward, less the cancellations refunded in it, and their points:
/// <see cref="PartnerId"/> the partner offering it, null for the operator's own.
/// </summary>
public sealed record RewardRedemptionUsage(string? PartnerId, string RewardId, long Redemptions, long Points)
{
    /// <summary>
    /// The count from a journal: redemptions and refunds recorded in [<paramref name="from"/>, <paramref name="until"/>)
    /// (server time, as settlement periods are, so a closed period's count never changes), per partner and reward,
    /// ordered by partner ("" first, the operator) then reward; a reward netting to nothing is left out. What the
    /// insights projection keeps, computed the long way, for tests.
    /// </summary>
    public static IReadOnlyList<RewardRedemptionUsage> Count(IEnumerable<JournaledMemberEvent> journal, DateTimeOffset from, DateTimeOffset until) =>
        journal
            .Select(j => j.Event)
            .Where(e => e.RecordedAt >= from && e.RecordedAt < until)
            .Select(e => e switch
            {
                RewardRedeemed r => (Partner: r.PartnerId ?? "", r.RewardId, Units: 1L, r.Points),
                RewardRedemptionRefunded r => (Partner: r.PartnerId ?? "", r.RewardId, Units: -1L, Points: -r.Points),
                _ => (Partner: (string?)null, RewardId: "", Units: 0L, Points: 0L),
            })
            .Where(x => x.Partner is not null)
            .GroupBy(x => (x.Partner, x.RewardId))
            .Select(g => new RewardRedemptionUsage(g.Key.Partner!.Length == 0 ? null : g.Key.Partner, g.Key.RewardId, g.Sum(x => x.Units), g.Sum(x => x.Points)))
            .Where(u => u.Redemptions != 0 || u.Points != 0)
            .OrderBy(u => u.PartnerId ?? "", StringComparer.Ordinal)
            .ThenBy(u => u.RewardId, StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// A settlement line's share of <paramref name="rewards"/>: a partner's line (<paramref name="merchantId"/>) its own
    /// rewards, the operator's line the operator's own (no partner), the totals line all of them.
    /// </summary>
    public static (long Redemptions, long Points) ForLine(IReadOnlyList<RewardRedemptionUsage> rewards, SettlementParty party, string? merchantId)
    {
        long redemptions = 0, points = 0;
        foreach (var r in rewards)
        {
            var whose = party switch
            {
                SettlementParty.Partner => r.PartnerId == merchantId,
                SettlementParty.Operator => r.PartnerId is null,
                _ => true,
            };
            if (whose)
            {
                redemptions += r.Redemptions;
                points += r.Points;
            }
        }
        return (redemptions, points);
    }
}
