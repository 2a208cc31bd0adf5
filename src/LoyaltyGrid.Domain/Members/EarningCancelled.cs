namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// An admin cancelled what was left of one earning entry: a purchase's (<see cref="TransactionId"/>; its pending
/// points first, then what is left of its lot; counted as reversed) or a credit adjustment's
/// (<see cref="AdjustmentId"/>; what is left of its lot; counted against the adjustments).
/// </summary>
public sealed record EarningCancelled(
    string? TransactionId,
    string? AdjustmentId,
    long Points,
    long PendingCancelled,
    AdjustmentReason Reason,
    string Note,
    string Actor) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before with
    {
        Pending = before.Pending - PendingCancelled,
        Available = before.Available - (Points - PendingCancelled),
        LifetimeReversed = TransactionId is not null ? before.LifetimeReversed + Points : before.LifetimeReversed,
        LifetimeAdjusted = TransactionId is null ? before.LifetimeAdjusted - Points : before.LifetimeAdjusted,
    };
}
