namespace LoyaltyGrid.Domain.Members;

/// <summary>An admin puts a member in a tier by hand, optionally until <see cref="EndsAt"/>, with a note for the audit trail.</summary>
/// <param name="Actor">Who asks (the audit trail's name of the caller's key).</param>
public sealed record AssignTier(
    string RequestId,
    string ProgramId,
    string MemberId,
    string Actor,
    string TierId,
    DateTimeOffset? EndsAt,
    string Note) : IMemberCommand
{
    public void Validate() => new RequestValidator()
        .RequestId("request_id", RequestId)
        .Id("program_id", ProgramId)
        .Id("member_id", MemberId)
        .Id("tier_id", TierId)
        .Text("note", Note, Limits.MaxNoteLength, required: true)
        .ThrowIfInvalid();
}
