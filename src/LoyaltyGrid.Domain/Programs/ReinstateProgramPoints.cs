namespace LoyaltyGrid.Domain.Programs;

/// <summary>Gives back, to every member of the program, the points that expired in the window (either bound open).</summary>
public sealed record ReinstateProgramPoints(
    string RequestId,
    string ProgramId,
    string Actor,
    DateTimeOffset? ExpiredFrom,
    DateTimeOffset? ExpiredUntil,
    string Reason) : IProgramCommand
{
    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Text("reason", Reason, Limits.MaxNameLength, required: true);
        if (ExpiredFrom is { } from && ExpiredUntil is { } until && until <= from)
        {
            v.Add("expired_until", $"must be after expired_from ({from:O})");
        }
        v.ThrowIfInvalid();
    }
}
