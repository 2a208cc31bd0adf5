namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// What a command decided: the events to make durable and the event that answers the request, or, for a retry of
/// a request already carried out, the journal sequence of its answer (<see cref="ReplayOf"/>), to be read again.
/// Apply <see cref="NewEvents"/> only after they are durable.
/// </summary>
public sealed record MemberDecision(IReadOnlyList<MemberEvent> NewEvents, MemberEvent? Decided, long? ReplayOf = null)
{
    public bool IsReplay => ReplayOf is not null;

    /// <summary>The answer; for a replay, only once the caller has put the journal's event in <see cref="Decided"/>.</summary>
    public MemberEvent Result => Decided ?? throw new InvalidOperationException(
        $"The request was carried out before: read its answer at sequence {ReplayOf} from the journal.");

    public static MemberDecision Replay(long sequence) => new([], null, sequence);
}
