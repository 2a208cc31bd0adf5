namespace LoyaltyGrid.Domain.Members;

/// <summary>An admin gave back expired points (the expiries listed by id), as a new lot earned now.</summary>
/// <param name="ReinstatementId">The program-wide reinstatement this applies, or null for one made for this member.</param>
public sealed record PointsReinstated(
    long Points,
    IReadOnlyList<long> ExpiryIds,
    string? ReinstatementId,
    string Actor,
    string Reason) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available + Points,
        LifetimeReinstated = before.LifetimeReinstated + Points,
    };
}
