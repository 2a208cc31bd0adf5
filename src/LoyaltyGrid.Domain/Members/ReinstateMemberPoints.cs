namespace LoyaltyGrid.Domain.Members;

/// <summary>An admin gives one member back the points that expired in the window (either bound open).</summary>
public sealed record ReinstateMemberPoints(
    string RequestId,
    string ProgramId,
    string MemberId,
    string Actor,
    DateTimeOffset? ExpiredFrom,
    DateTimeOffset? ExpiredUntil,
    string Reason) : IMemberCommand
{
    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Id("member_id", MemberId)
            .Text("reason", Reason, Limits.MaxNameLength, required: true);
        if (ExpiredFrom is { } from && ExpiredUntil is { } until && until <= from)
        {
            v.Add("expired_until", $"must be after expired_from ({from:O})");
        }
        v.ThrowIfInvalid();
    }
}
