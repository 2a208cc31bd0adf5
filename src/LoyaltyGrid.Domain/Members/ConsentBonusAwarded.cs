namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The program's bonus for the member's first marketing consent (any channel): once per member, never again on a
/// later consent. Points available at once, earned now. Its request id is the SetConsent's that gave it.
/// </summary>
public sealed record ConsentBonusAwarded(long Points) : MemberEvent
{
    public const string Rule = "consent-bonus";

    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available + Points,
        LifetimeEarned = before.LifetimeEarned + Points,
    };
}
