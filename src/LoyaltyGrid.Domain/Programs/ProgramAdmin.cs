using System.Security.Cryptography;

namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// The rules of changing a program: decides what an admin command does to a <see cref="ProgramState"/> without
/// changing it. Every refusal is a <see cref="LoyaltyException"/>.
/// </summary>
public sealed class ProgramAdmin(ProgramState state)
{
    // No 0/O, 1/I/L: codes are read aloud and typed in by cashiers.
    private const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public ProgramDecision Handle(IProgramCommand command, DateTimeOffset now)
    {
        command.Validate();
        var fingerprint = Fingerprint.Of(command);
        if (state.Request(command.RequestId) is { } done)
        {
            return Fingerprint.Matches(done.Fingerprint, command, fingerprint)
                ? new ProgramDecision(null, done)
                : throw new LoyaltyException(LoyaltyError.AlreadyExists("REQUEST_ID_REUSED",
                    $"request_id '{command.RequestId}' was already used for a different change of program '{command.ProgramId}'"));
        }
        if (command is CreateProgram create)
        {
            if (state.Rules is not null)
            {
                throw new LoyaltyException(LoyaltyError.AlreadyExists("PROGRAM_ALREADY_EXISTS",
                    $"program '{command.ProgramId}' already exists; GetProgram shows its settings"));
            }
            return Decide(new ProgramCreated(create.ToSettings(now)), command, fingerprint, now);
        }
        var rules = state.Rules ?? throw new LoyaltyException(LoyaltyError.NotFound("PROGRAM_NOT_FOUND",
            $"program '{command.ProgramId}' does not exist"));
        ProgramEvent e = command switch
        {
            SetEarningRules set => Earning(rules, set),
            SetExpiryPolicy set => new ExpiryPolicySet(set.Policy),
            SetBirthdayBonus set => new BirthdayBonusSet(set.Bonus),
            SetFeedbackReward set => new FeedbackRewardSet(set.Reward),
            SetReferralRules set => new ReferralRulesSet(set.Rules),
            SetMessagingPolicy set => new MessagingPolicySet(set.Policy),
            SetTierPolicy set => new TierPolicySet(set.Policy),
            SetEngagementBonuses set => new EngagementBonusesSet(set.Bonuses),
            UpsertEventRule upsert => EventRule(rules, upsert),
            DefineSegment define => Segment(rules, define, now),
            EndEventRule end => End(rules, end, now),
            UpsertTier upsert => Tier(rules, upsert, now),
            CreatePromotion promotion => Promotion(rules, promotion, now),
            EndPromotion end => End(rules, end, now),
            IssueCoupons issue => Coupons(rules, issue, now),
            ReinstateProgramPoints reinstate => new ExpiredPointsReinstated(new Reinstatement(
                $"rein_{Guid.CreateVersion7(now):N}", reinstate.ExpiredFrom, reinstate.ExpiredUntil, command.Actor, reinstate.Reason, now)),
            Coalitions.ICoalitionCommand coalition => Coalitions.CoalitionAdmin.Decide(rules, coalition, now),
            Benefits.PublishBenefit or Benefits.RetireBenefit => Benefits.BenefitAdmin.Decide(rules, command, now),
            _ => throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command)),
        };
        return Decide(e, command, fingerprint, now);
    }

    private static ProgramDecision Decide(ProgramEvent e, IProgramCommand command, string fingerprint, DateTimeOffset now)
    {
        var stamped = e with { RequestId = command.RequestId, Fingerprint = fingerprint, Actor = command.Actor, RecordedAt = now };
        return new ProgramDecision(stamped, stamped);
    }

    /// <summary>Pending points must mature before the books close on their purchase: the pending period fits in the return horizon.</summary>
    private static EarningRulesSet Earning(ProgramRules rules, SetEarningRules command)
    {
        if (command.Rules.PendingPeriod > rules.Settings.ReturnHorizon)
        {
            new RequestValidator()
                .Add("earning_rules.pending_period", $"must not be longer than program '{command.ProgramId}''s return_horizon ({rules.Settings.ReturnHorizon.TotalDays:0.##} days)")
                .ThrowIfInvalid();
        }
        return new EarningRulesSet(command.Rules);
    }

    private static TierUpserted Tier(ProgramRules rules, UpsertTier command, DateTimeOffset now)
    {
        var tiers = ProgramState.WithTier(rules.Tiers, command.Tier);
        for (var i = 1; i < tiers.Count; i++)
        {
            if (tiers[i].Threshold == tiers[i - 1].Threshold)
            {
                var other = tiers[i].TierId == command.Tier.TierId ? tiers[i - 1] : tiers[i];
                new RequestValidator()
                    .Add("tier.threshold", $"tier '{other.TierId}' already starts at {other.Threshold}; thresholds of tiers must differ")
                    .ThrowIfInvalid();
            }
        }
        return new TierUpserted(command.Tier);
    }

    private static PromotionCreated Promotion(ProgramRules rules, CreatePromotion command, DateTimeOffset now)
    {
        if (rules.Promotion(command.PromotionId) is not null)
        {
            throw new LoyaltyException(LoyaltyError.AlreadyExists("PROMOTION_ALREADY_EXISTS",
                $"promotion '{command.PromotionId}' already exists in program '{command.ProgramId}'"));
        }
        var v = new RequestValidator();
        var tierIds = command.Target.Kind == TargetKind.Tiers ? command.Target.TierIds : [];
        for (var i = 0; i < tierIds.Count; i++)
        {
            if (rules.Tier(tierIds[i]) is null)
            {
                v.Add($"target.tier_ids[{i}]", $"program '{command.ProgramId}' has no tier '{tierIds[i]}' (UpsertTier creates it)");
            }
        }
        if (command.EarlyAccess is { } early && rules.Tier(early.MinTierId) is null)
        {
            v.Add("early_access.min_tier_id", $"program '{command.ProgramId}' has no tier '{early.MinTierId}'");
        }
        if (command.EndsAt <= now)
        {
            v.Add("ends_at", "is in the past: the promotion would never apply");
        }
        ProgramRuleChecks.SegmentsExist(v, rules, "segment_ids", command.SegmentIds);
        v.ThrowIfInvalid();
        var promotion = new Promotion(command.PromotionId, command.Name, command.Rule!, command.StartsAt, command.EndsAt,
            command.Target, command.UsageLimitPerMember, command.EarlyAccess, command.DaysOfWeek, now)
        {
            Locations = command.Locations,
            MinBasketMinor = command.MinBasketMinor,
            SegmentIds = command.SegmentIds,
        };
        return new PromotionCreated(promotion);
    }

    /// <summary>The most event rules a program has (ended ones count): every member keeps a counter per rule it used.</summary>
    public const int MaxEventRules = 100;

    private static EventRuleUpserted EventRule(ProgramRules rules, UpsertEventRule command)
    {
        var v = new RequestValidator();
        for (var i = 0; i < command.Rule.TierIds.Count; i++)
        {
            if (rules.Tier(command.Rule.TierIds[i]) is null)
            {
                v.Add($"event_rule.tier_ids[{i}]", $"program '{command.ProgramId}' has no tier '{command.Rule.TierIds[i]}' (UpsertTier creates it)");
            }
        }
        ProgramRuleChecks.SegmentsExist(v, rules, "event_rule.segment_ids", command.Rule.SegmentIds);
        v.ThrowIfInvalid();
        if (rules.EventRule(command.Rule.EventType) is null && rules.EventRules.Count >= MaxEventRules)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("TOO_MANY_EVENT_RULES",
                $"program '{command.ProgramId}' has {MaxEventRules} event rules, the most a program may have; change an existing one instead"));
        }
        // An upsert replaces the rule whole, so a rule ended before starts again.
        return new EventRuleUpserted(command.Rule with { EndedAt = null });
    }

    /// <summary>The most segments a program has: every member evaluates each of them as its facts change.</summary>
    public const int MaxSegments = 50;

    private static SegmentDefined Segment(ProgramRules rules, DefineSegment command, DateTimeOffset now)
    {
        var v = new RequestValidator();
        for (var i = 0; i < command.Conditions.TierIds.Count; i++)
        {
            if (rules.Tier(command.Conditions.TierIds[i]) is null)
            {
                v.Add($"conditions.tier_ids[{i}]", $"program '{command.ProgramId}' has no tier '{command.Conditions.TierIds[i]}' (UpsertTier creates it)");
            }
        }
        v.ThrowIfInvalid();
        if (rules.Segment(command.SegmentId) is null && rules.Segments.Count >= MaxSegments)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("TOO_MANY_SEGMENTS",
                $"program '{command.ProgramId}' has {MaxSegments} segments, the most a program may have; redefine an existing one instead"));
        }
        return new SegmentDefined(new Segment(command.SegmentId, command.Name, command.Conditions, now));
    }

    private static EventRuleEnded End(ProgramRules rules, EndEventRule command, DateTimeOffset now)
    {
        var rule = rules.EventRule(command.EventType) ?? throw new LoyaltyException(LoyaltyError.NotFound(
            "EVENT_RULE_NOT_FOUND", $"program '{command.ProgramId}' has no event rule '{command.EventType}'"));
        if (rule.EffectiveEnd is { } end && end <= now)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("EVENT_RULE_ALREADY_ENDED",
                $"event rule '{command.EventType}' ended at {end:O}"));
        }
        return new EventRuleEnded(command.EventType, now);
    }

    private static PromotionEnded End(ProgramRules rules, EndPromotion command, DateTimeOffset now)
    {
        var promotion = rules.Promotion(command.PromotionId) ?? throw new LoyaltyException(LoyaltyError.NotFound(
            "PROMOTION_NOT_FOUND", $"program '{command.ProgramId}' has no promotion '{command.PromotionId}'"));
        if (promotion.EffectiveEnd <= now)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("PROMOTION_ALREADY_ENDED",
                $"promotion '{command.PromotionId}' ended at {promotion.EffectiveEnd:O}"));
        }
        return new PromotionEnded(command.PromotionId, now);
    }

    private CouponsIssued Coupons(ProgramRules rules, IssueCoupons command, DateTimeOffset now)
    {
        var promotion = rules.Promotion(command.PromotionId) ?? throw new LoyaltyException(LoyaltyError.NotFound(
            "PROMOTION_NOT_FOUND", $"program '{command.ProgramId}' has no promotion '{command.PromotionId}'"));
        if (promotion.Rule is not CouponRule)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("NOT_A_COUPON_PROMOTION",
                $"promotion '{command.PromotionId}' is not a coupon promotion; create one with a coupon rule to issue codes"));
        }
        if (promotion.EffectiveEnd <= now)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("PROMOTION_ALREADY_ENDED",
                $"promotion '{command.PromotionId}' ended at {promotion.EffectiveEnd:O}"));
        }
        // Validate() has already refused an explicit window in the wrong order; a defaulted bound can empty it too.
        var (validFrom, validUntil) = (command.ValidFrom ?? now, command.ValidUntil ?? promotion.EffectiveEnd);
        if (validUntil <= validFrom)
        {
            (command.ValidUntil is null
                ? new RequestValidator().Add("valid_from", $"must be before valid_until, which defaults to the promotion's end ({validUntil:O})")
                : new RequestValidator().Add("valid_until", $"must be after valid_from, which defaults to now ({validFrom:O})"))
                .ThrowIfInvalid();
        }
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < command.Count)
        {
            var code = NewCode();
            if (state.CouponBatch(code) is null)
            {
                codes.Add(code);
            }
        }
        var batch = new CouponBatch($"batch_{Guid.CreateVersion7(now):N}", command.PromotionId, [.. codes], command.MemberId,
            command.MaxUsesPerCode, validFrom, validUntil, now);
        return new CouponsIssued(batch);
    }

    private static string NewCode()
    {
        Span<char> code = stackalloc char[14];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = i is 4 or 9 ? '-' : CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        }
        return new string(code);
    }
}
