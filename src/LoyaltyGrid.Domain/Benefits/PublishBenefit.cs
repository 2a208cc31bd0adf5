using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Benefits;

/// <param name="ValidFrom">Null: from when it is published.</param>
public sealed record PublishBenefit(
    string RequestId,
    string ProgramId,
    string Actor,
    string BenefitId,
    string Name,
    BenefitKind Kind,
    int PercentOff,
    long AmountOffMinor,
    FreeService Service,
    long BonusPoints,
    PromotionTarget Target,
    DateTimeOffset? ValidFrom,
    DateTimeOffset ValidUntil,
    IReadOnlyList<string> MerchantIds) : IProgramCommand
{
    public const int MaxMerchants = 1_000;

    /// <summary>Only for members in one of these segments; empty: every member the target selects.</summary>
    [LaterThanLegacyFingerprint]
    public IReadOnlyList<string> SegmentIds { get; init; } = [];

    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Id("benefit_id", BenefitId)
            .Text("name", Name, Limits.MaxNameLength, required: true);
        // Each kind says one thing; a value for another kind is a client mistake, not something to ignore.
        Only(v, "percent_off", PercentOff, BenefitKind.PercentageDiscount, 1, 100);
        Only(v, "amount_off_minor", AmountOffMinor, BenefitKind.FixedDiscount, 1, Limits.MaxUnitPriceMinor);
        Only(v, "bonus_points", BonusPoints, BenefitKind.BonusPoints, 1, Limits.MaxBonusPoints);
        if (Kind == BenefitKind.FreeService && Service == FreeService.None)
        {
            v.Add("free_service", "is required for a free-service benefit (advance replacement, on-site service, extended warranty)");
        }
        else if (Kind != BenefitKind.FreeService && Service != FreeService.None)
        {
            v.Add("free_service", $"applies to free-service benefits only, this one is {Kind}");
        }
        if (ValidFrom is { } from && ValidUntil <= from)
        {
            v.Add("valid_until", $"must be after valid_from ({ValidFrom:O})");
        }
        if (MerchantIds.Count > MaxMerchants)
        {
            v.Add("merchant_ids", $"at most {MaxMerchants} participating merchants");
        }
        for (var i = 0; i < Math.Min(MerchantIds.Count, MaxMerchants); i++)
        {
            v.Id($"merchant_ids[{i}]", MerchantIds[i]);
            if (MerchantIds.Take(i).Contains(MerchantIds[i], StringComparer.Ordinal))
            {
                v.Add($"merchant_ids[{i}]", $"merchant '{MerchantIds[i]}' is listed twice");
            }
        }
        ProgramRuleChecks.Target(v, Target);
        ProgramRuleChecks.SegmentIds(v, "segment_ids", SegmentIds);
        v.ThrowIfInvalid();
    }

    private void Only(RequestValidator v, string field, long value, BenefitKind kind, long min, long max)
    {
        if (Kind == kind)
        {
            v.Range(field, value, min, max);
        }
        else if (value != 0)
        {
            v.Add(field, $"applies to {kind} benefits only, this one is {Kind}");
        }
    }
}
