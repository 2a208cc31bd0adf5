namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// Something the member did that a program's event rule rewards (a review written, the app installed), reported by
/// the program's back office or a till. <see cref="Reference"/> says which (a review id), for the statement.
/// </summary>
/// <param name="Actor">Who reported it (the audit trail's name of the caller's key); not part of the fingerprint, so a retry through another key of the same caller answers the same.</param>
public sealed record RecordEvent(
    string RequestId,
    string ProgramId,
    string MemberId,
    string EventType,
    string? Reference,
    string Actor) : IMemberCommand
{
    public void Validate() => new RequestValidator()
        .RequestId("request_id", RequestId)
        .Id("program_id", ProgramId)
        .Id("member_id", MemberId)
        .Id("event_type", EventType)
        .Text("reference", Reference, Limits.MaxNameLength)
        .ThrowIfInvalid();
}
