namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The member entered and left segments (either list may be empty), and when its segments are next to be looked at
/// again without anything else happening (a time-based condition flips then; null: never).
/// </summary>
public sealed record SegmentsChanged(IReadOnlyList<string> Entered, IReadOnlyList<string> Left, DateTimeOffset? ReviewAt) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before;
}
