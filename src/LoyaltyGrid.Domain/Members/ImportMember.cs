namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// One existing member brought over from another system, with their enrolment date, card, opening balance and tier.
/// Decided by <see cref="MemberImport"/>; a member is imported once per program, and importing it again with the same
/// content changes nothing.
/// </summary>
/// <param name="ImportId">Names the import run; shown on the member's opening-balance statement line as its request id.</param>
/// <param name="EnrolledAt">When the member joined in the other system; null when the message left it out.</param>
public sealed record ImportMember(
    string ImportId,
    string ProgramId,
    string MemberId,
    string? CardAlias,
    DateTimeOffset? EnrolledAt,
    long OpeningPoints,
    string? OpeningReason,
    string? TierId);
