namespace LoyaltyGrid.Domain.CustomerFeedback;

/// <summary>A member's feedback: an NPS score (0-10), a CSAT score (1-5) or both, about a transaction or the store.</summary>
public sealed record SubmitFeedback(
    string RequestId,
    string ProgramId,
    string MemberId,
    string? TransactionId,
    string MerchantId,
    string StoreId,
    string? TerminalId,
    int? Nps,
    int? Csat,
    string? Comment,
    FeedbackChannel Channel)
{
    public void Validate()
    {
        var v = new RequestValidator().RequestId("request_id", RequestId).Id("program_id", ProgramId).Id("member_id", MemberId)
            .Id("transaction_id", TransactionId, required: false).Id("merchant_id", MerchantId).Id("store_id", StoreId)
            .Id("terminal_id", TerminalId, required: false)
            .Text("comment", Comment, FeedbackRules.MaxCommentLength);
        if (Nps is null && Csat is null)
        {
            v.Add("nps", "or csat is required: give an NPS score (0-10), a CSAT score (1-5), or both");
        }
        if (Nps is { } nps)
        {
            v.Range("nps", nps, 0, 10);
        }
        if (Csat is { } csat)
        {
            v.Range("csat", csat, 1, 5);
        }
        if (!Enum.IsDefined(Channel))
        {
            v.Add("channel", "is required: FEEDBACK_CHANNEL_POS, _EMAIL, _SMS, _APP, _WEB or _KIOSK");
        }
        v.ThrowIfInvalid();
    }
}
