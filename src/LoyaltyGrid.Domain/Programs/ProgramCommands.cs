namespace LoyaltyGrid.Domain.Programs;

public sealed record SetEarningRules(string RequestId, string ProgramId, string Actor, EarningRules Rules) : IProgramCommand
{
    public void Validate()
    {
        var v = new RequestValidator().RequestId("request_id", RequestId).Id("program_id", ProgramId);
        ProgramRuleChecks.Earning(v, Rules);
        v.ThrowIfInvalid();
    }
}

public sealed record SetExpiryPolicy(string RequestId, string ProgramId, string Actor, ExpiryPolicy Policy) : IProgramCommand
{
    public void Validate()
    {
        var v = new RequestValidator().RequestId("request_id", RequestId).Id("program_id", ProgramId);
        if (Policy.Kind != ExpiryKind.Never)
        {
            v.Range("months", Policy.Months, 1, Limits.MaxExpiryMonths);
        }
        v.ThrowIfInvalid();
    }
}

public sealed record SetTierPolicy(string RequestId, string ProgramId, string Actor, TierPolicy Policy) : IProgramCommand
{
    public void Validate() => new RequestValidator()
        .RequestId("request_id", RequestId)
        .Id("program_id", ProgramId)
        .Range("window_months", Policy.WindowMonths, 1, 36)
        .Range("review_months", Policy.ReviewMonths, 1, 36)
        .Range("grace_days", Policy.GraceDays, 0, 365)
        .ThrowIfInvalid();
}

public sealed record UpsertTier(string RequestId, string ProgramId, string Actor, TierDefinition Tier) : IProgramCommand
{
    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Id("tier.tier_id", Tier.TierId)
            .Text("tier.name", Tier.Name, Limits.MaxNameLength, required: true)
            .Range("tier.threshold", Tier.Threshold, 0, Limits.MaxThreshold)
            .Range("tier.earn_multiplier_percent", Tier.EarnMultiplierPercent, 100, Limits.MaxMultiplierPercent);
        if (Tier.Benefits.Count > Limits.MaxBenefits)
        {
            v.Add("tier.benefits", $"at most {Limits.MaxBenefits} benefits per tier");
        }
        for (var i = 0; i < Math.Min(Tier.Benefits.Count, Limits.MaxBenefits); i++)
        {
            v.Id($"tier.benefits[{i}]", Tier.Benefits[i]);
        }
        v.ThrowIfInvalid();
    }
}

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
        ProgramRuleChecks.Target(v, Target);
        ProgramRuleChecks.Rule(v, Rule);
        v.ThrowIfInvalid();
    }
}

public sealed record EndPromotion(string RequestId, string ProgramId, string Actor, string PromotionId) : IProgramCommand
{
    public void Validate() => new RequestValidator()
        .RequestId("request_id", RequestId)
        .Id("program_id", ProgramId)
        .Id("promotion_id", PromotionId)
        .ThrowIfInvalid();
}

/// <param name="MemberId">When set, the codes can be used only by this member.</param>
/// <param name="ValidFrom">Null: from now.</param>
/// <param name="ValidUntil">Null: until the promotion ends.</param>
public sealed record IssueCoupons(
    string RequestId,
    string ProgramId,
    string Actor,
    string PromotionId,
    int Count,
    string? MemberId,
    int MaxUsesPerCode,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil) : IProgramCommand
{
    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Id("promotion_id", PromotionId)
            .Range("count", Count, 1, Limits.MaxCouponsPerBatch)
            .Id("member_id", MemberId, required: false)
            .Range("max_uses_per_code", MaxUsesPerCode, 1, 1_000_000);
        if (ValidFrom is { } from && ValidUntil is { } until && until <= from)
        {
            v.Add("valid_until", $"must be after valid_from ({from:O})");
        }
        v.ThrowIfInvalid();
    }
}

/// <summary>Gives back, to every member of the program, the points that expired in the window (either bound open).</summary>
public sealed record ReinstateProgramPoints(
    string RequestId,
    string ProgramId,
    string Actor,
    DateTimeOffset? ExpiredFrom,
    DateTimeOffset? ExpiredUntil,
    string Reason) : IProgramCommand
{
    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Text("reason", Reason, Limits.MaxNameLength, required: true);
        if (ExpiredFrom is { } from && ExpiredUntil is { } until && until <= from)
        {
            v.Add("expired_until", $"must be after expired_from ({from:O})");
        }
        v.ThrowIfInvalid();
    }
}
