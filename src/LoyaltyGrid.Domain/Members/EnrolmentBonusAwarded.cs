namespace LoyaltyGrid.Domain.Members;

/// <summary>The program's enrolment bonus, made with the enrolment (so once per member): points available at once, earned now.</summary>
public sealed record EnrolmentBonusAwarded(long Points) : MemberEvent
{
    public const string Rule = "enrolment-bonus";

    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available + Points,
        LifetimeEarned = before.LifetimeEarned + Points,
    };
}
