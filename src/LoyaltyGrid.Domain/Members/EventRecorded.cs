namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// An event rule gave the member <see cref="Points"/> (available at once, a lot of its own, earned now). It carries
/// the rule's cap period and the member's count in it after this award, so the state keeps only that count.
/// </summary>
public sealed record EventRecorded(
    string EventId,
    string EventType,
    long Points,
    string? Reference,
    string Actor,
    int CountInPeriod,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd) : MemberEvent
{
    public const string RulePrefix = "event:";

    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available + Points,
        LifetimeEarned = before.LifetimeEarned + Points,
    };
}
