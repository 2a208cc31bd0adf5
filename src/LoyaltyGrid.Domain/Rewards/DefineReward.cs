namespace LoyaltyGrid.Domain.Rewards;

/// <summary>
/// CreateReward (<see cref="Create"/> true) or UpdateReward: the whole definition. An update replaces every field but
/// the kind; <see cref="ValidFrom"/> null is now (create) or unchanged (update).
/// </summary>
public sealed record DefineReward(
    string RequestId,
    string ProgramId,
    bool Create,
    string Actor,
    string RewardId,
    string Name,
    string Description,
    RewardKind? Kind,
    long PointsCost,
    string? Sku,
    long DiscountMinor,
    long DiscountPercent,
    string? ServiceName,
    string? CharityName,
    long DonationMinor,
    string? PartnerId,
    long Stock,
    int PerMemberLimit,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    IReadOnlyList<string> TierIds,
    TimeSpan? CodeValidity)
{
    /// <summary>Only members in one of these segments of the program may redeem it; empty: every member.</summary>
    public IReadOnlyList<string> SegmentIds { get; init; } = [];

    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Id("reward_id", RewardId);
        if (RewardId.Length > RewardLimits.MaxRewardIdLength)
        {
            v.Add("reward_id", $"must be at most {RewardLimits.MaxRewardIdLength} characters (a reward code is built from it), got {RewardId.Length}");
        }
        v.Text("name", Name, Limits.MaxNameLength, required: true)
            .Text("description", Description, RewardLimits.MaxDescriptionLength)
            .Range("points_cost", PointsCost, 1, RewardLimits.MaxPointsCost)
            .Range("stock", Stock, 1, RewardLimits.MaxStock)
            .Range("per_member_limit", PerMemberLimit, 0, RewardLimits.MaxPerMemberLimit)
            .Id("partner_id", PartnerId, required: false);
        switch (Kind)
        {
            case null:
                v.Add("kind", "is required: FREE_PRODUCT, FIXED_DISCOUNT, PERCENTAGE_DISCOUNT, PARTNER_SERVICE or CHARITY_DONATION");
                break;
            case RewardKind.FreeProduct:
                v.Id("sku", Sku);
                break;
            case RewardKind.FixedDiscount:
                v.Range("discount_minor", DiscountMinor, 1, Limits.MaxUnitPriceMinor);
                break;
            case RewardKind.PercentageDiscount:
                v.Range("discount_percent", DiscountPercent, 1, 100);
                break;
            case RewardKind.PartnerService:
                v.Text("service_name", ServiceName, Limits.MaxNameLength, required: true);
                if (string.IsNullOrEmpty(PartnerId))
                {
                    v.Add("partner_id", "is required for a PARTNER_SERVICE reward: the partner that gives the service");
                }
                break;
            case RewardKind.CharityDonation:
                v.Text("charity_name", CharityName, Limits.MaxNameLength, required: true)
                    .Range("donation_minor", DonationMinor, 0, Limits.MaxUnitPriceMinor);
                break;
        }
        // A detail of another kind is a client's mistake, not something to drop silently.
        if (Kind is not RewardKind.FreeProduct && !string.IsNullOrEmpty(Sku)) v.Add("sku", "is for FREE_PRODUCT rewards only");
        if (Kind is not RewardKind.FixedDiscount && DiscountMinor != 0) v.Add("discount_minor", "is for FIXED_DISCOUNT rewards only");
        if (Kind is not RewardKind.PercentageDiscount && DiscountPercent != 0) v.Add("discount_percent", "is for PERCENTAGE_DISCOUNT rewards only");
        if (Kind is not RewardKind.PartnerService && !string.IsNullOrEmpty(ServiceName)) v.Add("service_name", "is for PARTNER_SERVICE rewards only");
        if (Kind is not RewardKind.CharityDonation && (!string.IsNullOrEmpty(CharityName) || DonationMinor != 0))
        {
            v.Add(string.IsNullOrEmpty(CharityName) ? "donation_minor" : "charity_name", "is for CHARITY_DONATION rewards only");
        }
        if (ValidFrom is { } from && ValidUntil is { } until && until <= from)
        {
            v.Add("valid_until", $"must be after valid_from ({from:O})");
        }
        if (TierIds.Count > RewardLimits.MaxTierIds)
        {
            v.Add("tier_ids", $"at most {RewardLimits.MaxTierIds} tiers");
        }
        for (var i = 0; i < Math.Min(TierIds.Count, RewardLimits.MaxTierIds); i++)
        {
            v.Id($"tier_ids[{i}]", TierIds[i]);
            if (TierIds.Take(i).Contains(TierIds[i]))
            {
                v.Add($"tier_ids[{i}]", $"tier '{TierIds[i]}' is listed twice");
            }
        }
        Programs.ProgramRuleChecks.SegmentIds(v, "segment_ids", SegmentIds);
        if (CodeValidity is { } validity && (validity < Reward.MinCodeValidity || validity > Reward.MaxCodeValidity))
        {
            v.Add("code_validity", $"must be between 1 hour and 366 days, got {validity}");
        }
        v.ThrowIfInvalid();
    }
}
