namespace LoyaltyGrid.Domain.Members;

/// <summary>What a member's past purchase earned and how much of it has come back.</summary>
public sealed class PurchaseRecord
{
    public required string TransactionId { get; init; }
    public required IReadOnlyList<PurchaseLine> Lines { get; init; }
    public required long TotalMinor { get; init; }
    public required long Points { get; init; }
    public Dictionary<string, long> ReturnedQuantities { get; init; } = new(StringComparer.Ordinal);
    public long ReturnedMinor { get; set; }

    /// <summary>Points reversed so far, including any written off.</summary>
    public long ReversedPoints { get; set; }
}
