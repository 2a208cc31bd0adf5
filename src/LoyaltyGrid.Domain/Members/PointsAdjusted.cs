namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// An admin credited (<see cref="Points"/> above 0: a new lot, <see cref="AdjustmentId"/>, expiring at
/// <see cref="ExpiresAt"/> if set) or debited (below 0: oldest lots first) the member's available points.
/// </summary>
public sealed record PointsAdjusted(
    string AdjustmentId,
    long Points,
    AdjustmentReason Reason,
    string Note,
    string Actor,
    DateTimeOffset? ExpiresAt) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available + Points,
        LifetimeAdjusted = before.LifetimeAdjusted + Points,
    };
}
