namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The member's tier was upgraded, kept or lowered (<see cref="Reason"/>); next review at <see cref="ReviewAt"/>.
/// An audit entry of the member's ledger that moves no points.
/// </summary>
public sealed record TierChanged(
    string? FromTierId,
    string? ToTierId,
    TierChangeReason Reason,
    long Metric,
    DateTimeOffset? ReviewAt) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before;
}
