namespace LoyaltyGrid.Domain.Members;

/// <summary>The receiver's side of a transfer: the points arrive as a lot of their own, earned now. Its request id names the transfer.</summary>
public sealed record PointsTransferredIn(string TransferId, string FromMemberId, long Points, string? Note) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available + Points,
        LifetimeTransferredIn = before.LifetimeTransferredIn + Points,
    };
}
