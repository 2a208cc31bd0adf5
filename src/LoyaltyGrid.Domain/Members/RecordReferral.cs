namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// A new member enrolled with the referrer's (<see cref="MemberId"/>'s) code: the referrer accepts or rejects it. Its
/// request id derives from the referee (<see cref="RequestIdOf"/>), so a retried enrolment is answered the same.
/// </summary>
public sealed record RecordReferral(string ProgramId, string MemberId, string RefereeMemberId, string? RefereeCardAlias, string Code) : IMemberCommand
{
    /// <summary>The card the referee enrolled with had belonged to another member of the program.</summary>
    public bool RefereeWasMember { get; init; }

    public string RequestId => RequestIdOf(RefereeMemberId);

    /// <summary>"referral/{referee}": a '/' is never in a client's request_id, so it cannot collide with one.</summary>
    public static string RequestIdOf(string refereeMemberId) => "referral/" + refereeMemberId;

    public void Validate() => new RequestValidator().Id("program_id", ProgramId).Id("member_id", MemberId)
        .Id("referee_member_id", RefereeMemberId).ThrowIfInvalid();
}
