namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// A purchase that can still be returned, as kept in memory: what identifies it and how much has come back. Its
/// lines and the points of each rule are on its <see cref="PurchaseRecorded"/> event, which the grain reads from the
/// journal (at <see cref="Sequence"/>) when a return arrives, so an open purchase costs a few dozen bytes.
/// </summary>
public sealed class PurchaseRecord
{
    public required string TransactionId { get; init; }

    /// <summary>The journal sequence of the purchase's <see cref="PurchaseRecorded"/> event.</summary>
    public required long Sequence { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required long Points { get; init; }

    /// <summary>Points of this purchase still pending.</summary>
    public long PendingPoints { get; set; }

    /// <summary>Every unit has come back.</summary>
    public bool FullyReturned { get; set; }

    /// <summary>An admin cancelled its earning (<see cref="EarningCancelled"/>): returns take back no more points.</summary>
    public bool EarningCancelled { get; set; }

    /// <summary>Null until the first return.</summary>
    public ReturnProgress? Returns { get; set; }

    /// <summary>
    /// Points of this purchase's own lot that expired, by expiry (its journal sequence), less those an admin reinstated;
    /// null until one (most purchases never have one). A return does not take them back again.
    /// </summary>
    public Dictionary<long, long>? Expired { get; set; }

    public long ReversedPoints => Returns?.ReversedPoints ?? 0;

    /// <summary>Of the returned items' share, points not taken back because they had already expired.</summary>
    public long AlreadyExpired => Returns?.AlreadyExpired ?? 0;

    public long ExpiredPoints => Expired?.Values.Sum() ?? 0;

    public long Returned(string sku) => Returns?.ReturnedQuantities.GetValueOrDefault(sku) ?? 0;

    /// <summary><paramref name="amount"/> × <paramref name="part"/> / <paramref name="whole"/>, rounded down, without overflow.</summary>
    public static long Share(long amount, long part, long whole) => whole == 0 ? 0 : (long)((Int128)amount * part / whole);

    /// <summary>Qualifying spend of <paramref name="purchase"/>'s items not returned, each line's share rounded down.</summary>
    public static long KeptQualifyingMinor(PurchaseRecorded purchase, IReadOnlyDictionary<string, long>? returned)
    {
        long kept = 0;
        for (var i = 0; i < purchase.Lines.Count; i++)
        {
            var line = purchase.Lines[i];
            var qualifying = i < purchase.LineQualifyingMinor.Count ? purchase.LineQualifyingMinor[i] : line.AmountMinor;
            kept += qualifying - Share(qualifying, returned?.GetValueOrDefault(line.Sku) ?? 0, line.Quantity);
        }
        return kept;
    }
}
