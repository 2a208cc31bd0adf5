namespace LoyaltyGrid.Domain.Members;

/// <summary>A member gives <see cref="Points"/> of their available points to another member of the same program.</summary>
public sealed record TransferPoints(
    string RequestId,
    string ProgramId,
    string MemberId,
    string ToMemberId,
    long Points,
    string? Note) : IMemberCommand
{
    /// <summary>Whether the receiving member is enrolled, as its grain says just before; not part of the fingerprint.</summary>
    public bool RecipientEnrolled { get; init; }

    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Id("member_id", MemberId)
            .Id("to_member_id", ToMemberId);
        if (ToMemberId == MemberId && !string.IsNullOrEmpty(MemberId))
        {
            v.Add("to_member_id", "must be another member than member_id: a member cannot transfer points to themselves");
        }
        v.Range("points", Points, 1, Limits.MaxAdjustmentPoints)
            .Text("note", Note, Limits.MaxNoteLength);
        v.ThrowIfInvalid();
    }
}
