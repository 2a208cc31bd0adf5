namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// A member brought over from another system (<see cref="MemberImport"/>): enrolled at <see cref="MemberEvent.OccurredAt"/>,
/// with a card, an opening balance earned as one lot at that date, and a tier reviewed at <see cref="TierReviewAt"/>.
/// The first event of an imported member's journal, in place of <see cref="MemberEnrolled"/>.
/// </summary>
/// <param name="ImportId">The import run that brought the member (also the event's <see cref="MemberEvent.RequestId"/>).</param>
public sealed record MemberImported(
    string ProgramId,
    string MemberId,
    string? CardAlias,
    long OpeningPoints,
    string? OpeningReason,
    string? TierId,
    DateTimeOffset? TierReviewAt,
    string ImportId) : MemberEvent
{
    /// <summary>The statement's rule for an opening balance.</summary>
    public const string Rule = "import";

    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available + OpeningPoints,
        LifetimeEarned = before.LifetimeEarned + OpeningPoints,
    };
}
