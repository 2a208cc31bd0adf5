namespace LoyaltyGrid.Domain.Members;

public sealed record RecordPurchase(
    string RequestId,
    string ProgramId,
    string MemberId,
    string MerchantId,
    string StoreId,
    string TerminalId,
    string Currency,
    IReadOnlyList<PurchaseLine> Lines,
    DateTimeOffset? OccurredAt,
    IReadOnlyList<string>? CouponCodes = null) : IMemberCommand
{
    public IReadOnlyList<string> Coupons => CouponCodes ?? [];

    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Id("member_id", MemberId)
            .Id("merchant_id", MerchantId)
            .Id("store_id", StoreId)
            .Id("terminal_id", TerminalId)
            .Currency("currency", Currency);
        LineRules.CheckCount(v, Lines.Count);
        var skus = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(Lines.Count, Limits.MaxLines); i++)
        {
            var line = Lines[i];
            LineRules.CheckSku(v, skus, i, line.Sku);
            v.Id($"lines[{i}].category", line.Category, required: false)
             .Range($"lines[{i}].quantity", line.Quantity, 1, Limits.MaxQuantity)
             .Range($"lines[{i}].unit_price_minor", line.UnitPriceMinor, 0, Limits.MaxUnitPriceMinor);
        }
        if (Coupons.Count > Limits.MaxCouponsPerPurchase)
        {
            v.Add("coupon_codes", $"at most {Limits.MaxCouponsPerPurchase} coupons per purchase");
        }
        for (var i = 0; i < Math.Min(Coupons.Count, Limits.MaxCouponsPerPurchase); i++)
        {
            v.Id($"coupon_codes[{i}]", Coupons[i]);
            if (Coupons.Take(i).Contains(Coupons[i]))
            {
                v.Add($"coupon_codes[{i}]", $"coupon '{Coupons[i]}' is listed twice; a code is used once per purchase");
            }
        }
        v.ThrowIfInvalid();
    }
}
