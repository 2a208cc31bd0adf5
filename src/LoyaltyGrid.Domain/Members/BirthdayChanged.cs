namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The member's birthday (month and day; 0 and 0: removed), as the profile told it, and the first year whose
/// bonus may still come (<see cref="BirthdayStatus.NextYear"/>, decided here so a replay ends the same). Moves no points.
/// </summary>
public sealed record BirthdayChanged(int Month, int Day, int NextYear) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before;
}
