namespace LoyaltyGrid.Domain.Programs;

/// <summary>Field checks of rule parts shared by several program commands.</summary>
internal static class ProgramRuleChecks
{
    public static void Earning(RequestValidator v, EarningRules rules)
    {
        Multipliers(v, "category_multipliers", rules.CategoryMultiplierPercents);
        Multipliers(v, "sku_multipliers", rules.SkuMultiplierPercents);
        IdList(v, "excluded_categories", rules.ExcludedCategories);
        IdList(v, "excluded_skus", rules.ExcludedSkus);
        IdList(v, "excluded_labels", rules.ExcludedLabels);
        Multipliers(v, "label_multipliers", rules.LabelMultiplierPercents);
        if (rules.EarnOnly is { } only)
        {
            Scope(v, "earn_only", only);
        }
        var places = new HashSet<(string, string?)>();
        for (var i = 0; i < rules.LocationRates.Count; i++)
        {
            var rate = rules.LocationRates[i];
            v.Id($"location_rates[{i}].merchant_id", rate.MerchantId)
             .Id($"location_rates[{i}].store_id", rate.StoreId, required: false)
             .Range($"location_rates[{i}].points_per_currency_unit", rate.PointsPerCurrencyUnit, 0, Limits.MaxPointsPerCurrencyUnit);
            if (!places.Add((rate.MerchantId, rate.StoreId)))
            {
                v.Add($"location_rates[{i}]", "names a merchant and store already given a rate");
            }
        }
        v.Range("min_qualifying_spend_minor", rules.MinQualifyingSpendMinor, 0, Limits.MaxThreshold);
        if (rules.PendingPeriod < TimeSpan.Zero || rules.PendingPeriod > Limits.MaxPendingPeriod)
        {
            v.Add("pending_period", $"must be between 0 and {Limits.MaxPendingPeriod.TotalDays:0} days");
        }
    }

    /// <summary>A targeting list of segment ids: identifiers, each once, at most <see cref="Limits.MaxScopeEntries"/>.</summary>
    public static void SegmentIds(RequestValidator v, string field, IReadOnlyList<string> segmentIds)
    {
        if (segmentIds.Count > Limits.MaxScopeEntries)
        {
            v.Add(field, $"at most {Limits.MaxScopeEntries} entries");
            return;
        }
        for (var i = 0; i < segmentIds.Count; i++)
        {
            v.Id($"{field}[{i}]", segmentIds[i]);
            if (segmentIds.Take(i).Contains(segmentIds[i]))
            {
                v.Add($"{field}[{i}]", "lists a segment already listed");
            }
        }
    }

    /// <summary>Every segment targeted is defined in the program.</summary>
    public static void SegmentsExist(RequestValidator v, ProgramRules rules, string field, IReadOnlyList<string> segmentIds)
    {
        for (var i = 0; i < segmentIds.Count; i++)
        {
            if (rules.Segment(segmentIds[i]) is null)
            {
                v.Add($"{field}[{i}]", $"program '{rules.ProgramId}' has no segment '{segmentIds[i]}' (Segments.DefineSegment defines it)");
            }
        }
    }

    public static void Target(RequestValidator v, PromotionTarget target)
    {
        switch (target.Kind)
        {
            case TargetKind.Tiers when target.TierIds.Count == 0:
                v.Add("target.tier_ids", "name at least one tier when targeting tiers");
                break;
            case TargetKind.Tiers:
                IdList(v, "target.tier_ids", target.TierIds);
                break;
            case TargetKind.Lapsed:
                v.Range("target.lapsed_days", target.LapsedDays, 1, 3650);
                break;
        }
    }

    public static void Rule(RequestValidator v, PromotionRule? rule)
    {
        switch (rule)
        {
            case null:
                v.Add("rule", "is required: say what the promotion gives (multiplier, spend_threshold, punch_card, …)");
                break;
            case BonusMultiplierRule m:
                v.Range("multiplier.multiplier_percent", m.MultiplierPercent, 101, Limits.MaxMultiplierPercent);
                Scope(v, "multiplier.scope", m.Scope);
                break;
            case SpendThresholdRule s:
                v.Range("spend_threshold.min_spend_minor", s.MinSpendMinor, 1, Limits.MaxThreshold);
                Bonus(v, "spend_threshold.bonus_points", s.BonusPoints);
                break;
            case FirstPurchaseRule f:
                Bonus(v, "first_purchase.bonus_points", f.BonusPoints);
                break;
            case PunchCardRule p:
                v.Range("punch_card.required", p.Required, 1, Limits.MaxPunches);
                Scope(v, "punch_card.scope", p.Scope);
                break;
            case BuyOneGetOneRule b:
                v.Range("buy_one_get_one.percent_off", b.PercentOff, 1, 100);
                Scope(v, "buy_one_get_one.scope", b.Scope);
                break;
            case CouponRule c:
                var given = (c.DiscountMinor != 0 ? 1 : 0) + (c.DiscountPercent != 0 ? 1 : 0) + (c.BonusPoints != 0 ? 1 : 0);
                if (given != 1)
                {
                    v.Add("coupon", "set exactly one of discount_minor, discount_percent and bonus_points");
                }
                v.Range("coupon.discount_minor", c.DiscountMinor, 0, Limits.MaxUnitPriceMinor)
                 .Range("coupon.discount_percent", c.DiscountPercent, 0, 100)
                 .Range("coupon.bonus_points", c.BonusPoints, 0, Limits.MaxBonusPoints);
                break;
            case RepeatPurchaseRule r:
                v.Range("repeat_purchase.purchases", r.Purchases, 2, 1000)
                 .Range("repeat_purchase.window_days", r.WindowDays, 1, 3650);
                Bonus(v, "repeat_purchase.bonus_points", r.BonusPoints);
                break;
            case FixedBonusRule f:
                if ((f.PointsPerUnit != 0) == (f.PointsPerLine != 0))
                {
                    v.Add("fixed_bonus", "set exactly one of points_per_unit and points_per_line");
                }
                v.Range("fixed_bonus.points_per_unit", f.PointsPerUnit, 0, Limits.MaxBonusPoints)
                 .Range("fixed_bonus.points_per_line", f.PointsPerLine, 0, Limits.MaxBonusPoints);
                Scope(v, "fixed_bonus.scope", f.Scope);
                break;
            case BounceBackRule b:
                if ((b.DiscountPercent != 0) == (b.DiscountMinor != 0))
                {
                    v.Add("bounce_back", "set exactly one of discount_percent and discount_minor");
                }
                v.Range("bounce_back.min_spend_minor", b.MinSpendMinor, 1, Limits.MaxThreshold)
                 .Range("bounce_back.discount_percent", b.DiscountPercent, 0, 100)
                 .Range("bounce_back.discount_minor", b.DiscountMinor, 0, Limits.MaxUnitPriceMinor)
                 .Range("bounce_back.valid_days", b.ValidDays, 1, BounceBackRule.MaxValidDays);
                break;
            case CumulativeSpendRule c:
                v.Range("cumulative_spend.threshold_minor", c.ThresholdMinor, 1, Limits.MaxThreshold);
                Bonus(v, "cumulative_spend.bonus_points", c.BonusPoints);
                break;
        }
    }

    private static void Bonus(RequestValidator v, string field, long points) => v.Range(field, points, 1, Limits.MaxBonusPoints);

    private static void Scope(RequestValidator v, string field, ItemScope scope)
    {
        IdList(v, field + ".categories", scope.Categories);
        IdList(v, field + ".skus", scope.Skus);
        IdList(v, field + ".labels", scope.Labels);
    }

    private static void Multipliers(RequestValidator v, string field, IReadOnlyDictionary<string, long> multipliers)
    {
        if (multipliers.Count > Limits.MaxScopeEntries)
        {
            v.Add(field, $"at most {Limits.MaxScopeEntries} entries");
        }
        foreach (var (key, percent) in multipliers)
        {
            v.Id($"{field}[{key}]", key)
             .Range($"{field}[{key}]", percent, 1, Limits.MaxMultiplierPercent);
        }
    }

    private static void IdList(RequestValidator v, string field, IReadOnlyList<string> ids)
    {
        if (ids.Count > Limits.MaxScopeEntries)
        {
            v.Add(field, $"at most {Limits.MaxScopeEntries} entries");
            return;
        }
        for (var i = 0; i < ids.Count; i++)
        {
            v.Id($"{field}[{i}]", ids[i]);
        }
        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            v.Add(field, "lists an entry more than once");
        }
    }
}
