namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The sender's side of a transfer: its available points are debited at once, and the transfer stays in flight
/// (<see cref="MemberState.TransfersInFlight"/>) until the receiver's credit is acknowledged (<see cref="TransferSettled"/>).
/// </summary>
public sealed record PointsTransferredOut(string TransferId, string ToMemberId, long Points, string? Note) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available - Points,
        LifetimeTransferredOut = before.LifetimeTransferredOut + Points,
    };
}
