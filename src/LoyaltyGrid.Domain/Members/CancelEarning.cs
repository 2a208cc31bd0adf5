namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// An admin cancels one earning entry: a purchase (by <see cref="TransactionId"/>) or a credit adjustment (by
/// <see cref="AdjustmentId"/>), exactly one of them. What is left of its points in the account is taken back.
/// </summary>
public sealed record CancelEarning(
    string RequestId,
    string ProgramId,
    string MemberId,
    string Actor,
    string? TransactionId,
    string? AdjustmentId,
    AdjustmentReason? Reason,
    string Note) : IMemberCommand
{
    /// <summary>The most points the caller's key may move in one adjustment; null: no limit. Not part of the request's fingerprint.</summary>
    public long? ActorLimit { get; init; }

    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Id("member_id", MemberId)
            .Id("transaction_id", TransactionId, required: false)
            .Id("adjustment_id", AdjustmentId, required: false);
        if (string.IsNullOrEmpty(TransactionId) == string.IsNullOrEmpty(AdjustmentId))
        {
            v.Add("transaction_id", "give exactly one of transaction_id (a purchase) and adjustment_id (a credit adjustment)");
        }
        if (Reason is null)
        {
            v.Add("reason", "is required: GOODWILL, CORRECTION, MIGRATION or OTHER");
        }
        v.Text("note", Note, Limits.MaxNoteLength, required: true);
        v.ThrowIfInvalid();
    }
}
