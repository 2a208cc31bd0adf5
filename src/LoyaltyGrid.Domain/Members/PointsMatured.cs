namespace LoyaltyGrid.Domain.Members;

/// <summary>A purchase's pending points became available: its return window has passed.</summary>
public sealed record PointsMatured(string TransactionId, long Points, DateTimeOffset EarnedAt) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before with
    {
        Pending = before.Pending - Points,
        Available = before.Available + Points,
    };
}
