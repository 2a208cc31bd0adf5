namespace LoyaltyGrid.Domain.Programs;

public sealed record CreatePromotion(
    string RequestId,
    string ProgramId,
    string Actor,
    string PromotionId,
    string Name,
    PromotionRule? Rule,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    PromotionTarget Target,
    int UsageLimitPerMember,
    EarlyAccess? EarlyAccess,
    IReadOnlyList<DayOfWeek> DaysOfWeek) : IProgramCommand
{
    /// <summary>Where it applies; empty: everywhere.</summary>
    [LaterThanLegacyFingerprint]
    public IReadOnlyList<PromotionLocation> Locations { get; init; } = [];

    [LaterThanLegacyFingerprint]
    public long MinBasketMinor { get; init; }

    /// <summary>Only for members in one of these segments; empty: everyone the target selects.</summary>
    [LaterThanLegacyFingerprint]
    public IReadOnlyList<string> SegmentIds { get; init; } = [];

    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Id("promotion_id", PromotionId)
            .Text("name", Name, Limits.MaxNameLength, required: true)
            .Range("usage_limit_per_member", UsageLimitPerMember, 0, 1_000_000);
        if (EndsAt <= StartsAt)
        {
            v.Add("ends_at", $"must be after starts_at ({StartsAt:O})");
        }
        if (EarlyAccess is { } early)
        {
            v.Id("early_access.min_tier_id", early.MinTierId);
            if (early.StartsAt >= StartsAt)
            {
                v.Add("early_access.starts_at", $"must be before starts_at ({StartsAt:O}): early access opens earlier than for everyone");
            }
        }
        if (DaysOfWeek.Distinct().Count() != DaysOfWeek.Count)
        {
            v.Add("days_of_week", "lists a day more than once");
        }
        if (Locations.Count > Limits.MaxScopeEntries)
        {
            v.Add("locations", $"at most {Limits.MaxScopeEntries} entries");
        }
        for (var i = 0; i < Math.Min(Locations.Count, Limits.MaxScopeEntries); i++)
        {
            v.Id($"locations[{i}].merchant_id", Locations[i].MerchantId)
             .Id($"locations[{i}].store_id", Locations[i].StoreId, required: false);
            if (Locations.Take(i).Contains(Locations[i]))
            {
                v.Add($"locations[{i}]", "names a merchant and store already listed");
            }
        }
        v.Range("min_basket_minor", MinBasketMinor, 0, Limits.MaxThreshold);
        ProgramRuleChecks.SegmentIds(v, "segment_ids", SegmentIds);
        ProgramRuleChecks.Target(v, Target);
        ProgramRuleChecks.Rule(v, Rule);
        v.ThrowIfInvalid();
    }
}
