namespace LoyaltyGrid.Domain.Members;

public sealed record AuthorizeRedemption(
    string RequestId,
    string ProgramId,
    string MemberId,
    long Points,
    string MerchantId,
    string? StoreId,
    string? TerminalId) : IMemberCommand
{
    public void Validate() => new RequestValidator()
        .RequestId("request_id", RequestId)
        .Id("program_id", ProgramId)
        .Id("member_id", MemberId)
        .Range("points", Points, 1, Limits.MaxRedemptionPoints)
        .Id("merchant_id", MerchantId)
        .Id("store_id", StoreId, required: false)
        .Id("terminal_id", TerminalId, required: false)
        .ThrowIfInvalid();
}
