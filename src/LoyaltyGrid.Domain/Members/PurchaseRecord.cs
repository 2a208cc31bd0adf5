namespace LoyaltyGrid.Domain.Members;

/// <summary>What a member's past purchase earned and how much of it has come back: what a return needs to reverse it.</summary>
public sealed class PurchaseRecord
{
    public required string TransactionId { get; init; }
    public required IReadOnlyList<PurchaseLine> Lines { get; init; }
    public required long TotalMinor { get; init; }
    public required long Points { get; init; }
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The request that recorded the purchase: coupon uses are keyed by it.</summary>
    public string? RequestId { get; init; }
    public IReadOnlyList<PointsComponent> Components { get; init; } = [];
    public IReadOnlyList<long> LineNetMinor { get; init; } = [];
    public IReadOnlyList<long> LineQualifyingMinor { get; init; } = [];
    public IReadOnlyList<PunchLine> PunchLines { get; init; } = [];
    public IReadOnlyList<string> PromotionsUsed { get; init; } = [];
    public IReadOnlyList<string> CouponsUsed { get; init; } = [];
    public Dictionary<string, long> ReturnedQuantities { get; init; } = new(StringComparer.Ordinal);
    public long ReturnedMinor { get; set; }

    /// <summary>Points reversed so far, including any written off.</summary>
    public long ReversedPoints { get; set; }

    /// <summary>Points reversed so far per component rule.</summary>
    public Dictionary<string, long> ReversedByRule { get; init; } = new(StringComparer.Ordinal);

    public HashSet<string> PromotionsReleased { get; init; } = new(StringComparer.Ordinal);

    public bool CouponsReleased { get; set; }

    /// <summary>
    /// Per punch card, stamps a return could not take back (or give back) because the card was empty (or full);
    /// later returns of this purchase settle them, so returning it in pieces ends where returning it at once would.
    /// </summary>
    public Dictionary<string, long> PunchCarry { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Points of this purchase still pending.</summary>
    public long PendingPoints { get; set; }

    public long Returned(string sku) => ReturnedQuantities.GetValueOrDefault(sku);

    /// <summary>Every unit has come back. Kept up to date by <see cref="MemberState.Apply"/>, so history scans stay cheap.</summary>
    public bool FullyReturned { get; set; }

    /// <summary><see cref="KeptQualifyingMinor()"/>, kept up to date by <see cref="MemberState.Apply"/>.</summary>
    public long KeptQualifying { get; set; }

    /// <summary>Qualifying spend of the items not returned, each line's share rounded down.</summary>
    public long KeptQualifyingMinor() => KeptQualifyingMinor(ReturnedQuantities);

    public long KeptQualifyingMinor(IReadOnlyDictionary<string, long> returned)
    {
        long kept = 0;
        for (var i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            var qualifying = i < LineQualifyingMinor.Count ? LineQualifyingMinor[i] : line.AmountMinor;
            kept += qualifying - Share(qualifying, returned.GetValueOrDefault(line.Sku), line.Quantity);
        }
        return kept;
    }

    /// <summary><paramref name="amount"/> × <paramref name="part"/> / <paramref name="whole"/>, rounded down, without overflow.</summary>
    public static long Share(long amount, long part, long whole) => whole == 0 ? 0 : (long)((Int128)amount * part / whole);
}
