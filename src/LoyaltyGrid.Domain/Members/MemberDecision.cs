namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// What a command decided: the events to make durable (none for a retry) and the event that answers the
/// request. Apply <see cref="NewEvents"/> only after they are durable.
/// </summary>
public sealed record MemberDecision(IReadOnlyList<MemberEvent> NewEvents, MemberEvent Result)
{
    public bool IsReplay => NewEvents.Count == 0;
}
