namespace LoyaltyGrid.Domain.Messaging;

/// <summary>
/// A message an event calls for, before the gate decides it. <see cref="SourceKey"/> names the journal event (or the
/// held message) it came from, so a message is written to the outbox once however often its event is projected.
/// <see cref="Data"/> is what the sender fills its template with (points, tier, benefit); never contact details.
/// An empty <see cref="MemberId"/> is a program-wide message (a shared benefit), which no gate decides.
/// </summary>
public sealed record MessageDraft(
    string ProgramId,
    string MemberId,
    MessageKind Kind,
    string SourceKey,
    DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, string> Data)
{
    public bool IsTransactional => Kind is MessageKind.PointsEarned or MessageKind.ReferralRewarded;

    public bool IsProgramWide => MemberId.Length == 0;
}
