namespace LoyaltyGrid.Domain.Security;

/// <summary>A request for a new key. What a key may reach depends on its role: a terminal needs a program, merchant and store.</summary>
public sealed record IssueApiKey(
    string RequestId,
    string Name,
    ApiRole Role,
    string? ProgramId,
    string? MerchantId,
    string? StoreId)
{
    /// <summary>For admin and program admin keys: the most points one adjustment with the key may move; null: no limit.</summary>
    public long? MaxAdjustmentPoints { get; init; }

    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Text("name", Name, Limits.MaxNameLength, required: true)
            .Id("program_id", ProgramId, required: Role != ApiRole.Admin)
            .Id("merchant_id", MerchantId, required: Role is ApiRole.MerchantAdmin or ApiRole.Terminal)
            .Id("store_id", StoreId, required: Role == ApiRole.Terminal);
        if (Role == ApiRole.Admin && (ProgramId ?? MerchantId ?? StoreId) is not null)
        {
            v.Add("role", "a platform admin key is not bound to a program, merchant or store");
        }
        if (Role == ApiRole.ProgramAdmin && (MerchantId ?? StoreId) is not null)
        {
            v.Add("role", "a program admin key is bound to a program only; give merchant and store to merchant and terminal keys");
        }
        if (Role == ApiRole.MerchantAdmin && StoreId is not null)
        {
            v.Add("store_id", "a merchant admin key covers all the merchant's stores; bind a terminal key to a store");
        }
        if (MaxAdjustmentPoints is { } max && (max < 1 || max > Limits.MaxAdjustmentPoints))
        {
            v.Add("max_adjustment_points", $"must be between 1 and {Limits.MaxAdjustmentPoints}, or 0 for no limit, got {max}");
        }
        if (MaxAdjustmentPoints is not null && Role is not (ApiRole.Admin or ApiRole.ProgramAdmin))
        {
            v.Add("max_adjustment_points", "only admin and program admin keys adjust points");
        }
        v.ThrowIfInvalid();
    }
}
