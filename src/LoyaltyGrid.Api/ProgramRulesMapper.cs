using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Grains;
using Core = LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Api;

/// <summary>
/// Program rules between proto messages and domain values. Proto → domain only fills in the defaults the proto
/// documents for unset fields and reports what the proto cannot express to the domain (a missing timestamp, an
/// unspecified enum) as field violations, collected in the caller's <see cref="RequestValidator"/>; every other
/// check is the domain's.
/// </summary>
internal static class ProgramRulesMapper
{
    // ------------------------------------------------------------------ proto → domain

    public static Core.EarningRules ToDomain(this EarningRules rules, string field, RequestValidator v) => new()
    {
        CategoryMultiplierPercents = Sorted(rules.CategoryMultipliers),
        SkuMultiplierPercents = Sorted(rules.SkuMultipliers),
        ExcludedCategories = [.. rules.ExcludedCategories],
        ExcludedSkus = [.. rules.ExcludedSkus],
        ExcludedLabels = [.. rules.ExcludedLabels],
        LabelMultiplierPercents = Sorted(rules.LabelMultipliers),
        EarnOnly = rules.EarnOnly.ToDomain() is { IsAll: false } only ? only : null,
        LocationRates = rules.LocationRates
            .Select(r => new Core.LocationRate(r.MerchantId, r.StoreId is { Length: > 0 } store ? store : null, r.PointsPerCurrencyUnit))
            .ToArray(),
        MinQualifyingSpendMinor = rules.MinQualifyingSpendMinor,
        PendingPeriod = Time(v, () => rules.PendingPeriod.ToDomain($"{field}.pending_period")) ?? TimeSpan.Zero,
        CouponReturn = rules.CouponReturnPolicy switch
        {
            CouponReturnPolicy.Unspecified or CouponReturnPolicy.RestoreOnFullReturn => Core.CouponReturnPolicy.RestoreOnFullReturn,
            CouponReturnPolicy.KeepUsed => Core.CouponReturnPolicy.KeepUsed,
            var other => Unknown(v, $"{field}.coupon_return_policy", (int)other, Core.CouponReturnPolicy.RestoreOnFullReturn),
        },
    };

    public static Core.ExpiryPolicy ToDomain(this ExpiryPolicy policy, string field, RequestValidator v)
    {
        var kind = policy.Kind switch
        {
            ExpiryKind.Never => Core.ExpiryKind.Never,
            ExpiryKind.FifoLots => Core.ExpiryKind.FifoLots,
            ExpiryKind.Inactivity => Core.ExpiryKind.Inactivity,
            ExpiryKind.Unspecified => Missing(v, $"{field}.kind",
                "is required: EXPIRY_KIND_NEVER, EXPIRY_KIND_FIFO_LOTS or EXPIRY_KIND_INACTIVITY", Core.ExpiryKind.Never),
            var other => Unknown(v, $"{field}.kind", (int)other, Core.ExpiryKind.Never),
        };
        var periodEnd = policy.PeriodEnd switch
        {
            ExpiryPeriodEnd.Unspecified => Core.ExpiryPeriodEnd.None,
            ExpiryPeriodEnd.Month => Core.ExpiryPeriodEnd.Month,
            ExpiryPeriodEnd.Quarter => Core.ExpiryPeriodEnd.Quarter,
            ExpiryPeriodEnd.Year => Core.ExpiryPeriodEnd.Year,
            var other => Unknown(v, $"{field}.period_end", (int)other, Core.ExpiryPeriodEnd.None),
        };
        return new Core.ExpiryPolicy(kind, policy.Months) { Days = policy.Days, PeriodEnd = periodEnd, AtEndOfDay = policy.AtEndOfDay };
    }

    public static Core.TierPolicy ToDomain(this TierPolicy policy, string field, RequestValidator v)
    {
        var defaults = Core.TierPolicy.Default;
        var metric = policy.Metric switch
        {
            TierMetric.Unspecified => defaults.Metric,
            TierMetric.QualifyingSpend => Core.TierMetric.QualifyingSpend,
            TierMetric.PointsEarned => Core.TierMetric.PointsEarned,
            var other => Unknown(v, $"{field}.metric", (int)other, defaults.Metric),
        };
        var mode = policy.DowngradeMode switch
        {
            TierDowngradeMode.Unspecified or TierDowngradeMode.AtReview => Core.TierDowngradeMode.AtReview,
            TierDowngradeMode.Never => Core.TierDowngradeMode.Never,
            TierDowngradeMode.Immediate => Core.TierDowngradeMode.Immediate,
            var other => Unknown(v, $"{field}.downgrade_mode", (int)other, Core.TierDowngradeMode.AtReview),
        };
        return new Core.TierPolicy(
            metric,
            policy.WindowMonths == 0 ? defaults.WindowMonths : policy.WindowMonths,
            policy.ReviewMonths == 0 ? defaults.ReviewMonths : policy.ReviewMonths,
            policy.HasGraceDays ? policy.GraceDays : defaults.GraceDays)
        {
            DowngradeMode = mode,
        };
    }

    public static Core.TierDefinition ToDomain(this Tier tier) =>
        new(tier.TierId, tier.Name, tier.Threshold, tier.EarnMultiplierPercent, [.. tier.Benefits]);

    /// <summary>The request's rule; null when none is set (the domain refuses that with its own message).</summary>
    public static Core.PromotionRule? RuleToDomain(this CreatePromotionRequest request) => request.RuleCase switch
    {
        CreatePromotionRequest.RuleOneofCase.Multiplier =>
            new Core.BonusMultiplierRule(request.Multiplier.MultiplierPercent, request.Multiplier.Scope.ToDomain())
            {
                Stacking = request.Multiplier.Stacking == MultiplierStacking.Compound ? Core.MultiplierStacking.Compound : Core.MultiplierStacking.Add,
            },
        CreatePromotionRequest.RuleOneofCase.SpendThreshold =>
            new Core.SpendThresholdRule(request.SpendThreshold.MinSpendMinor, request.SpendThreshold.BonusPoints),
        CreatePromotionRequest.RuleOneofCase.FirstPurchase => new Core.FirstPurchaseRule(request.FirstPurchase.BonusPoints),
        CreatePromotionRequest.RuleOneofCase.PunchCard =>
            new Core.PunchCardRule(request.PunchCard.Required, request.PunchCard.Scope.ToDomain()),
        CreatePromotionRequest.RuleOneofCase.BuyOneGetOne =>
            new Core.BuyOneGetOneRule(request.BuyOneGetOne.PercentOff, request.BuyOneGetOne.Scope.ToDomain()),
        CreatePromotionRequest.RuleOneofCase.Coupon =>
            new Core.CouponRule(request.Coupon.DiscountMinor, request.Coupon.DiscountPercent, request.Coupon.BonusPoints),
        CreatePromotionRequest.RuleOneofCase.RepeatPurchase => new Core.RepeatPurchaseRule(
            request.RepeatPurchase.Purchases, request.RepeatPurchase.WindowDays, request.RepeatPurchase.BonusPoints),
        CreatePromotionRequest.RuleOneofCase.CumulativeSpend =>
            new Core.CumulativeSpendRule(request.CumulativeSpend.ThresholdMinor, request.CumulativeSpend.BonusPoints),
        CreatePromotionRequest.RuleOneofCase.BounceBack => new Core.BounceBackRule(
            request.BounceBack.MinSpendMinor, request.BounceBack.DiscountPercent, request.BounceBack.DiscountMinor, request.BounceBack.ValidDays),
        CreatePromotionRequest.RuleOneofCase.FixedBonus => new Core.FixedBonusRule(
            request.FixedBonus.PointsPerUnit, request.FixedBonus.PointsPerLine, request.FixedBonus.Scope.ToDomain()),
        _ => null,
    };

    public static Core.ItemScope ToDomain(this ItemScope? scope) =>
        scope is null ? Core.ItemScope.AllItems : new Core.ItemScope([.. scope.Categories], [.. scope.Skus]) { Labels = [.. scope.Labels] };

    public static Core.PromotionTarget ToDomain(this PromotionTarget? target, string field, RequestValidator v)
    {
        if (target is null)
        {
            return Core.PromotionTarget.Everyone;
        }
        var kind = target.Kind switch
        {
            TargetKind.Unspecified or TargetKind.AllMembers => Core.TargetKind.AllMembers,
            TargetKind.Tiers => Core.TargetKind.Tiers,
            TargetKind.FirstTimeCustomers => Core.TargetKind.FirstTimeCustomers,
            TargetKind.Lapsed => Core.TargetKind.Lapsed,
            var other => Unknown(v, $"{field}.kind", (int)other, Core.TargetKind.AllMembers),
        };
        return new Core.PromotionTarget(kind, [.. target.TierIds], target.LapsedDays);
    }

    public static Core.EarlyAccess? ToDomain(this EarlyAccess? early, string field, RequestValidator v) =>
        early is null ? null : new Core.EarlyAccess(early.MinTierId, RequiredTime(v, early.StartsAt, $"{field}.starts_at"));

    public static IReadOnlyList<DayOfWeek> ToDomain(this RepeatedField<Weekday> days, string field, RequestValidator v)
    {
        var result = new DayOfWeek[days.Count];
        for (var i = 0; i < days.Count; i++)
        {
            result[i] = days[i] switch
            {
                Weekday.Monday => DayOfWeek.Monday,
                Weekday.Tuesday => DayOfWeek.Tuesday,
                Weekday.Wednesday => DayOfWeek.Wednesday,
                Weekday.Thursday => DayOfWeek.Thursday,
                Weekday.Friday => DayOfWeek.Friday,
                Weekday.Saturday => DayOfWeek.Saturday,
                Weekday.Sunday => DayOfWeek.Sunday,
                var other => Missing(v, $"{field}[{i}]",
                    $"must be a day, WEEKDAY_MONDAY (1) to WEEKDAY_SUNDAY (7), got {(int)other}", DayOfWeek.Monday),
            };
        }
        return result;
    }

    /// <summary>A timestamp the request must carry; a missing or malformed one is a violation.</summary>
    public static DateTimeOffset RequiredTime(RequestValidator v, Timestamp? timestamp, string field)
    {
        if (timestamp is null)
        {
            v.Add(field, "is required");
            return default;
        }
        return OptionalTime(v, timestamp, field) ?? default;
    }

    public static DateTimeOffset? OptionalTime(RequestValidator v, Timestamp? timestamp, string field) =>
        Time(v, () => timestamp.ToDomain(field));

    /// <summary>
    /// The reply's value, or its refusal with the violated fields named from the request: the domain names a policy's
    /// fields from the policy, the request nests the policy in the field <paramref name="nestedIn"/>.
    /// </summary>
    public static T Unwrap<T>(this GrainReply<T> reply, string nestedIn)
    {
        if (reply.Error is { Violations.Count: > 0 } error)
        {
            var nested = error.Violations
                .Select(f => f.Field is "request_id" or "program_id" ? f : f with { Field = $"{nestedIn}.{f.Field}" })
                .ToArray();
            throw new LoyaltyException(LoyaltyError.Invalid(nested) with { Kind = error.Kind, Reason = error.Reason });
        }
        return reply.Unwrap();
    }

    // ------------------------------------------------------------------ domain → proto

    /// <summary>The program's settings, as created.</summary>
    public static LoyaltyProgram ToProgramProto(this Core.ProgramRules rules)
    {
        var program = rules.Settings.ToProto();
        program.TimeZone = rules.Settings.TimeZone;
        return program;
    }

    public static ProgramRules ToRulesProto(this Core.ProgramRules rules) => new()
    {
        Version = rules.Version,
        EarningRules = rules.Earning.ToProto(),
        ExpiryPolicy = rules.Expiry.ToProto(),
        TierPolicy = rules.TierPolicy.ToProto(),
        BirthdayBonus = rules.BirthdayBonus?.ToProto(),
        EngagementBonuses = rules.EngagementBonuses == Core.EngagementBonuses.None ? null : rules.EngagementBonuses.ToProto(),
        FeedbackReward = rules.FeedbackReward is { } reward ? FeedbackMapper.ToProto(reward) : null,
        ReferralRules = rules.Referral?.ToProto(),
        Segments = { rules.Segments.Select(s => s.ToProto(0)) },
        MessagingPolicy = rules.Messaging == Domain.Messaging.MessagingPolicy.Default ? null : rules.Messaging.ToProto(),
    };

    public static EarningRules ToProto(this Core.EarningRules rules)
    {
        var proto = new EarningRules
        {
            MinQualifyingSpendMinor = rules.MinQualifyingSpendMinor,
            PendingPeriod = Duration.FromTimeSpan(rules.PendingPeriod),
            CouponReturnPolicy = rules.CouponReturn switch
            {
                Core.CouponReturnPolicy.KeepUsed => CouponReturnPolicy.KeepUsed,
                _ => CouponReturnPolicy.RestoreOnFullReturn,
            },
        };
        foreach (var (category, percent) in rules.CategoryMultiplierPercents)
        {
            proto.CategoryMultipliers[category] = percent;
        }
        foreach (var (sku, percent) in rules.SkuMultiplierPercents)
        {
            proto.SkuMultipliers[sku] = percent;
        }
        proto.ExcludedCategories.AddRange(rules.ExcludedCategories);
        proto.ExcludedSkus.AddRange(rules.ExcludedSkus);
        proto.ExcludedLabels.AddRange(rules.ExcludedLabels);
        foreach (var (label, percent) in rules.LabelMultiplierPercents)
        {
            proto.LabelMultipliers[label] = percent;
        }
        proto.EarnOnly = rules.EarnOnly?.ToProto();
        proto.LocationRates.AddRange(rules.LocationRates.Select(r => new LocationRate
        {
            MerchantId = r.MerchantId,
            StoreId = r.StoreId ?? "",
            PointsPerCurrencyUnit = r.PointsPerCurrencyUnit,
        }));
        return proto;
    }

    public static ExpiryPolicy ToProto(this Core.ExpiryPolicy policy) => new()
    {
        Kind = policy.Kind switch
        {
            Core.ExpiryKind.FifoLots => ExpiryKind.FifoLots,
            Core.ExpiryKind.Inactivity => ExpiryKind.Inactivity,
            _ => ExpiryKind.Never,
        },
        Months = policy.Months,
        Days = policy.Days,
        PeriodEnd = policy.PeriodEnd switch
        {
            Core.ExpiryPeriodEnd.Month => ExpiryPeriodEnd.Month,
            Core.ExpiryPeriodEnd.Quarter => ExpiryPeriodEnd.Quarter,
            Core.ExpiryPeriodEnd.Year => ExpiryPeriodEnd.Year,
            _ => ExpiryPeriodEnd.Unspecified,
        },
        AtEndOfDay = policy.AtEndOfDay,
    };

    public static TierPolicy ToProto(this Core.TierPolicy policy) => new()
    {
        Metric = policy.Metric == Core.TierMetric.PointsEarned ? TierMetric.PointsEarned : TierMetric.QualifyingSpend,
        WindowMonths = policy.WindowMonths,
        ReviewMonths = policy.ReviewMonths,
        GraceDays = policy.GraceDays,
        DowngradeMode = policy.DowngradeMode switch
        {
            Core.TierDowngradeMode.Never => TierDowngradeMode.Never,
            Core.TierDowngradeMode.Immediate => TierDowngradeMode.Immediate,
            _ => TierDowngradeMode.AtReview,
        },
    };

    public static Tier ToProto(this Core.TierDefinition tier) => new()
    {
        TierId = tier.TierId,
        Name = tier.Name,
        Threshold = tier.Threshold,
        EarnMultiplierPercent = tier.EarnMultiplierPercent,
        Benefits = { tier.Benefits },
    };

    public static Promotion ToProto(this Core.Promotion promotion)
    {
        var proto = new Promotion
        {
            PromotionId = promotion.PromotionId,
            Name = promotion.Name,
            StartsAt = Timestamp.FromDateTimeOffset(promotion.StartsAt),
            EndsAt = Timestamp.FromDateTimeOffset(promotion.EndsAt),
            Target = promotion.Target.ToProto(),
            UsageLimitPerMember = promotion.UsageLimitPerMember,
            EarlyAccess = promotion.EarlyAccess is { } early
                ? new EarlyAccess { MinTierId = early.MinTierId, StartsAt = Timestamp.FromDateTimeOffset(early.StartsAt) }
                : null,
            DaysOfWeek = { promotion.DaysOfWeek.Select(ToWeekday) },
            EndedAt = promotion.EndedAt is { } ended ? Timestamp.FromDateTimeOffset(ended) : null,
            CreatedAt = Timestamp.FromDateTimeOffset(promotion.CreatedAt),
            Locations = { promotion.Locations.Select(l => new PromotionLocation { MerchantId = l.MerchantId, StoreId = l.StoreId ?? "" }) },
            MinBasketMinor = promotion.MinBasketMinor,
            SegmentIds = { promotion.SegmentIds },
        };
        switch (promotion.Rule)
        {
            case Core.BonusMultiplierRule m:
                proto.Multiplier = new MultiplierRule
                {
                    MultiplierPercent = m.MultiplierPercent,
                    Scope = m.Scope.ToProto(),
                    // Adding is what every multiplier did before stacking could be chosen: answered as unspecified, as sent.
                    Stacking = m.Stacking == Core.MultiplierStacking.Compound ? MultiplierStacking.Compound : MultiplierStacking.Unspecified,
                };
                break;
            case Core.SpendThresholdRule s:
                proto.SpendThreshold = new SpendThresholdRule { MinSpendMinor = s.MinSpendMinor, BonusPoints = s.BonusPoints };
                break;
            case Core.FirstPurchaseRule f:
                proto.FirstPurchase = new FirstPurchaseRule { BonusPoints = f.BonusPoints };
                break;
            case Core.PunchCardRule p:
                proto.PunchCard = new PunchCardRule { Required = p.Required, Scope = p.Scope.ToProto() };
                break;
            case Core.BuyOneGetOneRule b:
                proto.BuyOneGetOne = new BuyOneGetOneRule { PercentOff = b.PercentOff, Scope = b.Scope.ToProto() };
                break;
            case Core.CouponRule c:
                proto.Coupon = new CouponRule
                {
                    DiscountMinor = c.DiscountMinor,
                    DiscountPercent = c.DiscountPercent,
                    BonusPoints = c.BonusPoints,
                };
                break;
            case Core.RepeatPurchaseRule r:
                proto.RepeatPurchase = new RepeatPurchaseRule
                {
                    Purchases = r.Purchases,
                    WindowDays = r.WindowDays,
                    BonusPoints = r.BonusPoints,
                };
                break;
            case Core.CumulativeSpendRule c:
                proto.CumulativeSpend = new CumulativeSpendRule { ThresholdMinor = c.ThresholdMinor, BonusPoints = c.BonusPoints };
                break;
            case Core.BounceBackRule b:
                proto.BounceBack = new BounceBackRule
                {
                    MinSpendMinor = b.MinSpendMinor,
                    DiscountPercent = b.DiscountPercent,
                    DiscountMinor = b.DiscountMinor,
                    ValidDays = b.ValidDays,
                };
                break;
            case Core.FixedBonusRule f:
                proto.FixedBonus = new FixedBonusRule { PointsPerUnit = f.PointsPerUnit, PointsPerLine = f.PointsPerLine, Scope = f.Scope.ToProto() };
                break;
        }
        return proto;
    }

    public static CouponBatch ToProto(this Core.CouponBatch batch) => new()
    {
        BatchId = batch.BatchId,
        PromotionId = batch.PromotionId,
        Codes = { batch.Codes },
        MemberId = batch.MemberId ?? "",
        MaxUsesPerCode = batch.MaxUsesPerCode,
        ValidFrom = Timestamp.FromDateTimeOffset(batch.ValidFrom),
        ValidUntil = Timestamp.FromDateTimeOffset(batch.ValidUntil),
        IssuedAt = Timestamp.FromDateTimeOffset(batch.IssuedAt),
    };

    public static Reinstatement ToProto(this Core.Reinstatement reinstatement) => new()
    {
        ReinstatementId = reinstatement.ReinstatementId,
        ExpiredFrom = reinstatement.ExpiredFrom is { } from ? Timestamp.FromDateTimeOffset(from) : null,
        ExpiredUntil = reinstatement.ExpiredUntil is { } until ? Timestamp.FromDateTimeOffset(until) : null,
        Reason = reinstatement.Reason,
        DecidedAt = Timestamp.FromDateTimeOffset(reinstatement.DecidedAt),
    };

    private static ItemScope ToProto(this Core.ItemScope scope) => new()
    {
        Categories = { scope.Categories },
        Skus = { scope.Skus },
        Labels = { scope.Labels },
    };

    private static PromotionTarget ToProto(this Core.PromotionTarget target) => new()
    {
        Kind = target.Kind switch
        {
            Core.TargetKind.Tiers => TargetKind.Tiers,
            Core.TargetKind.FirstTimeCustomers => TargetKind.FirstTimeCustomers,
            Core.TargetKind.Lapsed => TargetKind.Lapsed,
            _ => TargetKind.AllMembers,
        },
        TierIds = { target.TierIds },
        LapsedDays = target.LapsedDays,
    };

    private static Weekday ToWeekday(DayOfWeek day) => day == DayOfWeek.Sunday ? Weekday.Sunday : (Weekday)(int)day;

    // ------------------------------------------------------------------ helpers

    // Ordered, so that two clients sending one map in different orders send the same request (same fingerprint).
    private static Dictionary<string, long> Sorted(MapField<string, long> map) =>
        map.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    private static T? Time<T>(RequestValidator v, Func<T?> convert)
        where T : struct
    {
        try
        {
            return convert();
        }
        catch (LoyaltyException malformed) when (malformed.Error.Violations is { } violations)
        {
            foreach (var violation in violations)
            {
                v.Add(violation.Field, violation.Description);
            }
            return null;
        }
    }

    private static T Missing<T>(RequestValidator v, string field, string description, T placeholder)
    {
        v.Add(field, description);
        return placeholder;
    }

    private static T Unknown<T>(RequestValidator v, string field, int value, T placeholder) =>
        Missing(v, field, $"{value} is not a known value", placeholder);
}
