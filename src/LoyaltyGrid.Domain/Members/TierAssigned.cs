namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// An admin put the member in <see cref="TierId"/> by hand (a VIP gesture), until <see cref="EndsAt"/> (null: until
/// another tier change). While it lasts no review or falling metric lowers the tier; a purchase reaching a higher tier
/// still upgrades (and ends the assignment). An audit entry of the member's ledger that moves no points.
/// </summary>
public sealed record TierAssigned(string? FromTierId, string TierId, DateTimeOffset? EndsAt, string Actor, string Note) : MemberEvent
{
    public const string Rule = "tier-assignment";

    public override Balance ApplyTo(Balance before) => before;
}
