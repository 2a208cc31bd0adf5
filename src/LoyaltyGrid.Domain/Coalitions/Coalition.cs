namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// A program run by an operator (a trade association) for many independent merchants: one points currency, one
/// balance per member, earned and spent at any partner. A program without a coalition is a plain retail program.
/// </summary>
public sealed record Coalition
{
    public required string OperatorName { get; init; }

    /// <summary>Every valuation ever set, oldest first: a closed period keeps the one it was settled at.</summary>
    public IReadOnlyList<LiabilityValuation> Valuations { get; init; } = [];

    /// <summary>Every merchant that ever joined, ordered by merchant id (ordinal), leavers included.</summary>
    public IReadOnlyList<Partner> Partners { get; init; } = [];

    public Partner? Partner(string merchantId) => Partners.FirstOrDefault(p => p.MerchantId == merchantId);

    /// <summary>
    /// The valuation in force just before <paramref name="time"/> (0 before any): the value of the points outstanding
    /// at that instant. "Just before" so that a valuation set at the very end of a period belongs to the next one.
    /// </summary>
    public long LiabilityValueBefore(DateTimeOffset time)
    {
        long value = 0;
        foreach (var valuation in Valuations)
        {
            if (valuation.EffectiveFrom >= time)
            {
                break;
            }
            value = valuation.MinorPerThousandPoints;
        }
        return value;
    }

    /// <summary>This coalition with <paramref name="change"/> appended to the history of <paramref name="merchantId"/>.</summary>
    public Coalition WithChange(string merchantId, PartnerChange change)
    {
        var partner = Partner(merchantId) is { } known
            ? known with { History = [.. known.History, change] }
            : new Partner(merchantId, [change]);
        return this with
        {
            Partners = Partners.Where(p => p.MerchantId != merchantId).Append(partner)
                .OrderBy(p => p.MerchantId, StringComparer.Ordinal).ToArray(),
        };
    }
}
