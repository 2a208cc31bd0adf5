using System.Text.Json.Serialization;

namespace LoyaltyGrid.Domain.Members;

/// <param name="MerchantId">Who asks: only the merchant that authorized the hold may capture it (null: not checked).</param>
/// <param name="StoreId">
/// The store asking (null: not named): validated like every id, and a terminal key's own (the access check). Not
/// recorded: the hold's ledger line names the store it was authorized at. Left out of the fingerprint when null, so a
/// request that names no store has the fingerprint it had before the store was validated.
/// </param>
public sealed record CaptureRedemption(
    string RequestId, string ProgramId, string MemberId, string HoldId, string? MerchantId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StoreId = null) : IMemberCommand
{
    public void Validate() => new RequestValidator()
        .RequestId("request_id", RequestId)
        .Id("program_id", ProgramId)
        .Id("member_id", MemberId)
        .Id("hold_id", HoldId)
        .Id("merchant_id", MerchantId, required: false)
        .Id("store_id", StoreId, required: false)
        .ThrowIfInvalid();
}
