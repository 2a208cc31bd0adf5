namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// Available points earned together (one purchase, or one reinstatement). Redemptions and returns use lots up
/// oldest first; under FIFO expiry what is left of a lot expires a number of months after <see cref="EarnedAt"/>.
/// </summary>
public sealed class PointsLot
{
    public required string LotId { get; init; }
    public required DateTimeOffset EarnedAt { get; init; }
    public long Remaining { get; set; }

    /// <summary>When this lot expires, set by an adjustment: it then ignores the program's lot age (FIFO lots).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
