namespace LoyaltyGrid.Storage.Insights;

/// <summary>What a batch adds to one member's facts (see <see cref="MemberFacts"/> for the meaning of each).</summary>
public sealed record MemberFactsChange(string ProgramId, string MemberId)
{
    public DateTimeOffset? EnrolledAt { get; init; }

    public DateTimeOffset? FirstPurchaseAt { get; init; }

    public DateTimeOffset? LastPurchaseAt { get; init; }

    public long Purchases { get; init; }

    public long ImportedPurchases { get; init; }

    public long SpendMinor { get; init; }

    public long Returns { get; init; }

    public long ReturnedMinor { get; init; }

    public long PointsEarned { get; init; }

    public long PointsRedeemed { get; init; }

    public long PointsExpired { get; init; }

    public long PointsReversed { get; init; }

    public string? TierId { get; init; }

    /// <summary>The stream sequence of the batch's last tier news for the member (<see cref="TierId"/>); 0 when it has none.</summary>
    public long TierSequence { get; init; }
}
