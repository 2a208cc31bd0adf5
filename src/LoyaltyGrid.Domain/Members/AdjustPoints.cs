namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// An admin credits (<see cref="Points"/> above 0) or debits (below 0) a member's available points, with a reason and a
/// note. A credit may carry its own <see cref="ExpiresAt"/>: its lot expires then, whatever the program's lot age.
/// </summary>
/// <param name="Actor">Who asks (the audit trail's name of the caller's key).</param>
public sealed record AdjustPoints(
    string RequestId,
    string ProgramId,
    string MemberId,
    string Actor,
    long Points,
    AdjustmentReason? Reason,
    string Note,
    DateTimeOffset? ExpiresAt) : IMemberCommand
{
    /// <summary>The most points the caller's key may move in one adjustment; null: no limit. Not part of the request's fingerprint.</summary>
    public long? ActorLimit { get; init; }

    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Id("member_id", MemberId);
        if (Points == 0 || Points < -Limits.MaxAdjustmentPoints || Points > Limits.MaxAdjustmentPoints)
        {
            v.Add("points", $"must be between -{Limits.MaxAdjustmentPoints} and {Limits.MaxAdjustmentPoints} and not 0 (above 0 credits, below 0 debits), got {Points}");
        }
        if (Reason is null)
        {
            v.Add("reason", "is required: GOODWILL, CORRECTION, MIGRATION or OTHER");
        }
        v.Text("note", Note, Limits.MaxNoteLength, required: true);
        if (ExpiresAt is not null && Points < 0)
        {
            v.Add("expires_at", "is for credits only: a debit takes points that exist");
        }
        v.ThrowIfInvalid();
    }
}
