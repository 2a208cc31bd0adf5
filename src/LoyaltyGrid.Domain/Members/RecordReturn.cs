namespace LoyaltyGrid.Domain.Members;

public sealed record RecordReturn(
    string RequestId,
    string ProgramId,
    string MemberId,
    string TransactionId,
    IReadOnlyList<ReturnLine> Lines,
    string? MerchantId,
    string? StoreId,
    string? TerminalId,
    DateTimeOffset? OccurredAt) : IMemberCommand
{
    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Id("member_id", MemberId)
            .Id("transaction_id", TransactionId)
            .Id("merchant_id", MerchantId, required: false)
            .Id("store_id", StoreId, required: false)
            .Id("terminal_id", TerminalId, required: false);
        LineRules.CheckCount(v, Lines.Count);
        var skus = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(Lines.Count, Limits.MaxLines); i++)
        {
            LineRules.CheckSku(v, skus, i, Lines[i].Sku);
            v.Range(LineRules.QuantityField[i], Lines[i].Quantity, 1, Limits.MaxQuantity);
        }
        v.ThrowIfInvalid();
    }
}
