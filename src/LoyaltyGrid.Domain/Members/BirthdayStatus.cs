namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// What a member's points need of its birth date: the month and day only (the date itself is personal data, kept in
/// the profile stream), and the first year whose birthday bonus is still to come. <see cref="Month"/> 0: not known.
/// The year is kept when the birthday is removed or changed, so a bonus is never given twice in one year.
/// </summary>
public sealed record BirthdayStatus(int Month, int Day, int NextYear)
{
    public bool Known => Month > 0;
}
