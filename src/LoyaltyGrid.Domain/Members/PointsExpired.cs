namespace LoyaltyGrid.Domain.Members;

/// <summary>Available points expired: the lots in <see cref="LotIds"/> reached their age (FIFO), or the member was inactive too long.</summary>
public sealed record PointsExpired(long Points, Programs.ExpiryKind Policy, IReadOnlyList<string> LotIds) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available - Points,
        LifetimeExpired = before.LifetimeExpired + Points,
    };
}
