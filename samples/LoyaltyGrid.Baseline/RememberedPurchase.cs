namespace LoyaltyGrid.Baseline;

/// <summary>One answered purchase request, kept in <see cref="BaselineMemberState.Recent"/> for retries.</summary>
public sealed class RememberedPurchase
{
    public string RequestId { get; set; } = "";
    public long TotalMinor { get; set; }
    public string TransactionId { get; set; } = "";
    public long PointsEarned { get; set; }
    public long Available { get; set; }
    public long LifetimeEarned { get; set; }
}
