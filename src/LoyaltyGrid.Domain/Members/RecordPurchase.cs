using System.Text.Json.Serialization;

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
    IReadOnlyList<string>? CouponCodes = null,
    // Left out of the fingerprint when null, so a purchase sent before benefits existed is still the same request.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? AppliedBenefitIds = null) : IMemberCommand
{
    public const int MaxAppliedBenefits = 20;

    public IReadOnlyList<string> Coupons => CouponCodes ?? [];

    public IReadOnlyList<string> AppliedBenefits => AppliedBenefitIds ?? [];

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
            v.Id(LineRules.CategoryField[i], line.Category, required: false)
             .Range(LineRules.QuantityField[i], line.Quantity, 1, Limits.MaxQuantity)
             .Range(LineRules.UnitPriceField[i], line.UnitPriceMinor, 0, Limits.MaxUnitPriceMinor);
            if (line.Labels.Count > PurchaseLine.MaxLabels)
            {
                v.Add($"lines[{i}].labels", $"at most {PurchaseLine.MaxLabels} labels per line, got {line.Labels.Count}");
            }
            for (var j = 0; j < Math.Min(line.Labels.Count, PurchaseLine.MaxLabels); j++)
            {
                v.Id($"lines[{i}].labels[{j}]", line.Labels[j]);
                if (line.Labels.Take(j).Contains(line.Labels[j]))
                {
                    v.Add($"lines[{i}].labels[{j}]", $"label '{line.Labels[j]}' is listed twice");
                }
            }
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
        if (AppliedBenefits.Count > MaxAppliedBenefits)
        {
            v.Add("applied_benefit_ids", $"at most {MaxAppliedBenefits} benefits per purchase");
        }
        for (var i = 0; i < Math.Min(AppliedBenefits.Count, MaxAppliedBenefits); i++)
        {
            v.Id($"applied_benefit_ids[{i}]", AppliedBenefits[i]);
            if (AppliedBenefits.Take(i).Contains(AppliedBenefits[i]))
            {
                v.Add($"applied_benefit_ids[{i}]", $"benefit '{AppliedBenefits[i]}' is listed twice; a benefit is applied once per purchase");
            }
        }
        v.ThrowIfInvalid();
    }
}
