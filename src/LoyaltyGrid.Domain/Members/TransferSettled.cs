namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The sender learnt the outcome of a transfer in flight: the receiver credited it (nothing moves), or refused it
/// (<see cref="Refunded"/>: the points come back to the sender, as a lot earned now).
/// </summary>
public sealed record TransferSettled(string TransferId, long Points, bool Refunded) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => Refunded
        ? before with { Available = before.Available + Points, LifetimeTransferredOut = before.LifetimeTransferredOut - Points }
        : before;
}
