namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// Points once per member: <see cref="EnrolmentPoints"/> on joining (with the enrolment), <see cref="ConsentPoints"/>
/// the first time the member grants marketing consent on any channel while the bonus is on. 0: off.
/// </summary>
public sealed record EngagementBonuses(long EnrolmentPoints, long ConsentPoints)
{
    public static readonly EngagementBonuses None = new(0, 0);
}
