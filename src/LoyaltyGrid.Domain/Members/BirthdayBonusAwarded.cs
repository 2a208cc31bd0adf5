namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The birthday bonus of <see cref="Year"/> (the program's local year), given once: points available at once, as a
/// lot earned now. 0 points: that year's window passed unseen (the bonus was switched on, or the birthday became
/// known, after it), so the next bonus is the next year's.
/// </summary>
public sealed record BirthdayBonusAwarded(int Year, long Points) : MemberEvent
{
    public const string Rule = "birthday-bonus";

    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available + Points,
        LifetimeEarned = before.LifetimeEarned + Points,
    };
}
