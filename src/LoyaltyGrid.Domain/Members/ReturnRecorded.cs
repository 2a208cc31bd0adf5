namespace LoyaltyGrid.Domain.Members;

/// <param name="RefundMinor">Money the returned items were paid (after the purchase's discounts).</param>
/// <param name="Points">Points taken back from the member (positive): <see cref="PendingCancelled"/> from pending first, the rest from available.</param>
/// <param name="WrittenOff">Points the return should have taken back but could not (negative balance not allowed).</param>
/// <remarks>
/// <see cref="Reversed"/> sums to <see cref="Points"/> + <see cref="WrittenOff"/> + <see cref="AlreadyExpired"/>: the
/// returned items' share of what the purchase earned.
/// </remarks>
public sealed record ReturnRecorded(
    string ReturnId,
    string TransactionId,
    IReadOnlyList<ReturnLine> Lines,
    long RefundMinor,
    long Points,
    long WrittenOff,
    string? MerchantId,
    string? StoreId,
    string? TerminalId) : MemberEvent
{
    public long PendingCancelled { get; init; }

    /// <summary>
    /// Of the returned items' share, points not taken back because they had already expired from the purchase's own lot:
    /// they left the member with the expiry. 0 on returns written before this was recorded (nothing was left out then).
    /// </summary>
    public long AlreadyExpired { get; init; }

    /// <summary>The purchase's qualifying spend kept after this return. Null only on returns written before it was recorded (see <see cref="ReturnUpcaster"/>).</summary>
    public long? KeptQualifyingMinor { get; init; }

    /// <summary>Whether this return brought back the last unit. Null only on returns written before it was recorded.</summary>
    public bool? FullyReturned { get; init; }

    /// <summary>What was reversed, per rule or promotion of the purchase (before any write-off or already expired part).</summary>
    public IReadOnlyList<PointsComponent> Reversed { get; init; } = [];

    public IReadOnlyList<PunchCardChange> PunchCards { get; init; } = [];

    /// <summary>Promotion uses given back (their bonus was reversed, or the whole purchase came back).</summary>
    public IReadOnlyList<string> PromotionsReleased { get; init; } = [];

    /// <summary>Coupon codes whose use was given back (whole purchase returned, program restores coupons).</summary>
    public IReadOnlyList<string> CouponsReleased { get; init; } = [];

    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available - (Points - PendingCancelled),
        Pending = before.Pending - PendingCancelled,
        LifetimeReversed = before.LifetimeReversed + Points,
    };
}
