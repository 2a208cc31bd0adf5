namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// What rules read of a past purchase that is still kept (not wholly returned): when, the qualifying spend kept and
/// the points kept. Tier metrics, repeat-purchase and cumulative-spend rules sum these instead of scanning purchases.
/// </summary>
public sealed class PurchaseFact
{
    /// <summary>The journal sequence of the purchase: tells two purchases at the same instant apart.</summary>
    public required long Sequence { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public long KeptQualifyingMinor { get; set; }
    public long KeptPoints { get; set; }
}
