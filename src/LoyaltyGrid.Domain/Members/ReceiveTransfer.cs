namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The receiving side of a transfer: credits the points another member's account already debited. Its request id is
/// derived from the transfer id (<see cref="RequestIdOf"/>), so however often the sender delivers it, it is credited once.
/// </summary>
public sealed record ReceiveTransfer(
    string ProgramId,
    string MemberId,
    string TransferId,
    string FromMemberId,
    long Points,
    string? Note) : IMemberCommand
{
    public string RequestId => RequestIdOf(TransferId);

    /// <summary>"transfer/{transfer_id}": a '/' is never in a client's request_id, so it cannot collide with one.</summary>
    public static string RequestIdOf(string transferId) => "transfer/" + transferId;

    public static ReceiveTransfer Of(string programId, string fromMemberId, PointsTransferredOut sent) =>
        new(programId, sent.ToMemberId, sent.TransferId, fromMemberId, sent.Points, sent.Note);

    public void Validate()
    {
        new RequestValidator()
            .Id("program_id", ProgramId)
            .Id("member_id", MemberId)
            .Id("transfer_id", TransferId)
            .Id("from_member_id", FromMemberId)
            .Range("points", Points, 1, Limits.MaxAdjustmentPoints)
            .ThrowIfInvalid();
    }
}
