namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// Fills in what returns written before the compact member state did not record (the kept qualifying spend, whether
/// the purchase is now wholly returned), from the purchase earlier in the same journal. Feed it every event of a
/// replay in order; it keeps what it needs only for purchases it has seen, and only while the replay lasts.
/// </summary>
public sealed class ReturnUpcaster
{
    private readonly Dictionary<string, (PurchaseRecorded Purchase, Dictionary<string, long> Returned)> purchases = new(StringComparer.Ordinal);

    public MemberEvent Upcast(MemberEvent e)
    {
        switch (e)
        {
            case PurchaseRecorded purchase:
                purchases[purchase.TransactionId] = (purchase, new Dictionary<string, long>(StringComparer.Ordinal));
                return e;
            case ReturnRecorded ret when purchases.TryGetValue(ret.TransactionId, out var bought):
                foreach (var line in ret.Lines)
                {
                    bought.Returned[line.Sku] = bought.Returned.GetValueOrDefault(line.Sku) + line.Quantity;
                }
                return ret.KeptQualifyingMinor is not null && ret.FullyReturned is not null ? ret : ret with
                {
                    KeptQualifyingMinor = PurchaseRecord.KeptQualifyingMinor(bought.Purchase, bought.Returned),
                    FullyReturned = bought.Purchase.Lines.All(l => bought.Returned.GetValueOrDefault(l.Sku) == l.Quantity),
                };
            default:
                return e;
        }
    }
}
