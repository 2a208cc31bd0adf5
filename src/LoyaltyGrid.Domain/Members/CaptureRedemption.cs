namespace LoyaltyGrid.Domain.Members;

/// <param name="MerchantId">Who asks: only the merchant that authorized the hold may capture it (null: not checked).</param>
public sealed record CaptureRedemption(string RequestId, string ProgramId, string MemberId, string HoldId, string? MerchantId = null) : IMemberCommand
{
    public void Validate() => new RequestValidator()
        .RequestId("request_id", RequestId)
        .Id("program_id", ProgramId)
        .Id("member_id", MemberId)
        .Id("hold_id", HoldId)
        .Id("merchant_id", MerchantId, required: false)
        .ThrowIfInvalid();
}
