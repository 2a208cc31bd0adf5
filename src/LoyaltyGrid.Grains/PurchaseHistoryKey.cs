namespace LoyaltyGrid.Grains;

/// <summary>
/// Streams of imported purchases: one per (program, purchase id), holding its one <c>HistoricalPurchaseImported</c>
/// event, so that importing a purchase twice finds it there. Ids cannot contain '/', so the split is unambiguous.
/// </summary>
public static class PurchaseHistoryKey
{
    private const string StreamPrefix = "history/";

    public static string StreamOf(string programId, string purchaseId) => $"{StreamPrefix}{programId}/{purchaseId}";

    /// <summary>Whether <paramref name="streamId"/> is an imported purchase's stream.</summary>
    public static bool IsHistory(string streamId) => streamId.StartsWith(StreamPrefix, StringComparison.Ordinal);
}
