namespace LoyaltyGrid.Domain.Profiles;

/// <summary>
/// Records a member's marketing consent for one channel: granted or withdrawn, from where, and when it was given
/// (<see cref="OccurredAt"/>; null: now), e.g. on a paper form keyed in later.
/// </summary>
public sealed record SetConsent(
    string RequestId,
    string ProgramId,
    string MemberId,
    ConsentChannel Channel,
    bool Granted,
    ConsentSource Source,
    DateTimeOffset? OccurredAt = null) : IProfileCommand
{
    public void Validate(DateTimeOffset now)
    {
        var v = new RequestValidator().RequestId("request_id", RequestId).Id("program_id", ProgramId).Id("member_id", MemberId);
        if (!Enum.IsDefined(Channel))
        {
            v.Add("channel", "is required: CONSENT_CHANNEL_EMAIL, CONSENT_CHANNEL_SMS or CONSENT_CHANNEL_PUSH");
        }
        if (!Enum.IsDefined(Source))
        {
            v.Add("source", "is required: CONSENT_SOURCE_POS, _WEB, _APP, _IMPORT or _SUPPORT");
        }
        if (OccurredAt is { } at && at > now + Limits.MaxClockSkew)
        {
            v.Add("occurred_at", $"is {(at - now).TotalMinutes:0} minutes in the future; check the terminal's clock");
        }
        else if (OccurredAt is { } old && old < now.AddYears(-ContactRules.MaxAgeYears))
        {
            v.Add("occurred_at", $"must be within the last {ContactRules.MaxAgeYears} years");
        }
        v.ThrowIfInvalid();
    }
}
