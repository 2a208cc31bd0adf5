using System.Globalization;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Grains;
using static LoyaltyGrid.Api.ProgramRulesMapper;
using Core = LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Api;

/// <summary>
/// An admin's calls. Each maps its message to a program command (only the program_id, which names the grain, and
/// what the proto cannot say to the domain are checked here), hands it to the program's grain (a one-member
/// reinstatement to the member's) and maps the answer.
/// </summary>
public sealed class ProgramsService(IGrainFactory grains, MemberGrains members, TimeProvider time) : Programs.ProgramsBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 500;

    public override async Task<CreateProgramResponse> CreateProgram(CreateProgramRequest request, ServerCallContext context)
    {
        var command = new Core.CreateProgram(
            request.RequestId,
            request.ProgramId,
            request.Name,
            request.Currency,
            request.PointsPerCurrencyUnit,
            request.HoldTtl.ToDomain("hold_ttl"),
            request.HasAllowNegativeBalance ? request.AllowNegativeBalance : null,
            request.OfflineWindow.ToDomain("offline_window"),
            request.TimeZone is { Length: > 0 } zone ? zone : null,
            AccessInterceptor.Caller(context).Actor,
            request.ReturnHorizon.ToDomain("return_horizon"))
        {
            MaxTransferPointsPerDay = request.HasMaxTransferPointsPerDay ? request.MaxTransferPointsPerDay : null,
        };
        var rules = (await Program(new RequestValidator(), command.ProgramId).Create(command)).Unwrap();
        return new CreateProgramResponse { Program = rules.ToProgramProto() };
    }

    public override async Task<GetProgramResponse> GetProgram(GetProgramRequest request, ServerCallContext context)
    {
        var rules = (await Program(new RequestValidator(), request.ProgramId).Get()).Unwrap();
        return new GetProgramResponse { Program = rules.ToProgramProto(), Rules = rules.ToRulesProto() };
    }

    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        var history = (await Program(new RequestValidator(), request.ProgramId).History()).Unwrap();
        var response = new ListAuditEntriesResponse();
        response.Entries.AddRange(history.Select((e, i) => new AuditEntry
        {
            Sequence = i + 1,
            RecordedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(e.RecordedAt),
            Actor = e.Actor,
            RequestId = e.RequestId,
            Change = e.GetType().Name,
            DetailsJson = Storage.JournalJson.Serialize(e),
        }));
        return response;
    }

    public override async Task<SetEarningRulesResponse> SetEarningRules(SetEarningRulesRequest request, ServerCallContext context)
    {
        var v = new RequestValidator();
        var rules = Required(v, request.EarningRules, "earning_rules")?.ToDomain("earning_rules", v);
        var program = Program(v, request.ProgramId);
        var change = (await program.Change(new Core.SetEarningRules(request.RequestId, request.ProgramId, AccessInterceptor.Caller(context).Actor, rules!)))
            .Unwrap("earning_rules");
        return new SetEarningRulesResponse { EarningRules = Event<Core.EarningRulesSet>(change).Rules.ToProto() };
    }

    public override async Task<SetExpiryPolicyResponse> SetExpiryPolicy(SetExpiryPolicyRequest request, ServerCallContext context)
    {
        var v = new RequestValidator();
        var policy = Required(v, request.ExpiryPolicy, "expiry_policy")?.ToDomain("expiry_policy", v);
        var program = Program(v, request.ProgramId);
        var change = (await program.Change(new Core.SetExpiryPolicy(request.RequestId, request.ProgramId, AccessInterceptor.Caller(context).Actor, policy!)))
            .Unwrap("expiry_policy");
        return new SetExpiryPolicyResponse { ExpiryPolicy = Event<Core.ExpiryPolicySet>(change).Policy.ToProto() };
    }

    public override async Task<SetBirthdayBonusResponse> SetBirthdayBonus(SetBirthdayBonusRequest request, ServerCallContext context)
    {
        var v = new RequestValidator();
        var bonus = Required(v, request.BirthdayBonus, "birthday_bonus")?.ToDomain();
        var program = Program(v, request.ProgramId);
        var change = (await program.Change(new Core.SetBirthdayBonus(request.RequestId, request.ProgramId, AccessInterceptor.Caller(context).Actor, bonus!)))
            .Unwrap();
        return new SetBirthdayBonusResponse { BirthdayBonus = Event<Core.BirthdayBonusSet>(change).Bonus.ToProto() };
    }

    public override async Task<UpsertEventRuleResponse> UpsertEventRule(UpsertEventRuleRequest request, ServerCallContext context)
    {
        var v = new RequestValidator();
        var rule = Required(v, request.EventRule, "event_rule")?.ToDomain(v);
        var program = Program(v, request.ProgramId);
        var change = (await program.Change(new Core.UpsertEventRule(request.RequestId, request.ProgramId, AccessInterceptor.Caller(context).Actor, rule!)))
            .Unwrap();
        return new UpsertEventRuleResponse { EventRule = Event<Core.EventRuleUpserted>(change).Rule.ToProto() };
    }

    public override async Task<ListEventRulesResponse> ListEventRules(ListEventRulesRequest request, ServerCallContext context)
    {
        var rules = (await Program(new RequestValidator(), request.ProgramId).Get()).Unwrap();
        return new ListEventRulesResponse { EventRules = { rules.EventRules.Select(r => r.ToProto()) } };
    }

    public override async Task<EndEventRuleResponse> EndEventRule(EndEventRuleRequest request, ServerCallContext context)
    {
        var program = Program(new RequestValidator(), request.ProgramId);
        var change = (await program.Change(new Core.EndEventRule(request.RequestId, request.ProgramId, AccessInterceptor.Caller(context).Actor, request.EventType)))
            .Unwrap();
        var ended = Event<Core.EventRuleEnded>(change);
        // The rule as it is now (a retry of an old end answers the rule as it stands, e.g. started again since).
        return new EndEventRuleResponse { EventRule = change.Rules.EventRule(ended.EventType)!.ToProto() };
    }

    public override async Task<SetEngagementBonusesResponse> SetEngagementBonuses(SetEngagementBonusesRequest request, ServerCallContext context)
    {
        var v = new RequestValidator();
        var bonuses = Required(v, request.EngagementBonuses, "engagement_bonuses")?.ToDomain();
        var program = Program(v, request.ProgramId);
        var change = (await program.Change(new Core.SetEngagementBonuses(request.RequestId, request.ProgramId, AccessInterceptor.Caller(context).Actor, bonuses!)))
            .Unwrap();
        return new SetEngagementBonusesResponse { EngagementBonuses = Event<Core.EngagementBonusesSet>(change).Bonuses.ToProto() };
    }

    public override async Task<SetFeedbackRewardResponse> SetFeedbackReward(SetFeedbackRewardRequest request, ServerCallContext context)
    {
        var v = new RequestValidator();
        var reward = Required(v, request.FeedbackReward, "feedback_reward") is { } r
            ? new Core.FeedbackReward(r.Points, r.MaxPerPeriod, r.Period.ToDomain("feedback_reward.period"))
            : null;
        var program = Program(v, request.ProgramId);
        var change = (await program.Change(new Core.SetFeedbackReward(request.RequestId, request.ProgramId, AccessInterceptor.Caller(context).Actor, reward!)))
            .Unwrap();
        return new SetFeedbackRewardResponse { FeedbackReward = FeedbackMapper.ToProto(Event<Core.FeedbackRewardSet>(change).Reward) };
    }

    public override async Task<SetTierPolicyResponse> SetTierPolicy(SetTierPolicyRequest request, ServerCallContext context)
    {
        var v = new RequestValidator();
        var policy = Required(v, request.TierPolicy, "tier_policy")?.ToDomain("tier_policy", v);
        var program = Program(v, request.ProgramId);
        var change = (await program.Change(new Core.SetTierPolicy(request.RequestId, request.ProgramId, AccessInterceptor.Caller(context).Actor, policy!)))
            .Unwrap("tier_policy");
        return new SetTierPolicyResponse { TierPolicy = Event<Core.TierPolicySet>(change).Policy.ToProto() };
    }

    public override async Task<UpsertTierResponse> UpsertTier(UpsertTierRequest request, ServerCallContext context)
    {
        var v = new RequestValidator();
        var tier = Required(v, request.Tier, "tier")?.ToDomain();
        var program = Program(v, request.ProgramId);
        var change = (await program.Change(new Core.UpsertTier(request.RequestId, request.ProgramId, AccessInterceptor.Caller(context).Actor, tier!))).Unwrap();
        return new UpsertTierResponse { Tier = Event<Core.TierUpserted>(change).Tier.ToProto() };
    }

    public override async Task<ListTiersResponse> ListTiers(ListTiersRequest request, ServerCallContext context)
    {
        var rules = (await Program(new RequestValidator(), request.ProgramId).Get()).Unwrap();
        return new ListTiersResponse { Tiers = { rules.Tiers.Select(t => t.ToProto()) } };
    }

    public override async Task<CreatePromotionResponse> CreatePromotion(CreatePromotionRequest request, ServerCallContext context)
    {
        var v = new RequestValidator();
        if (request.RuleCase == CreatePromotionRequest.RuleOneofCase.Multiplier
            && request.Multiplier.Stacking is not (MultiplierStacking.Unspecified or MultiplierStacking.Add or MultiplierStacking.Compound))
        {
            v.Add("multiplier.stacking", $"unknown value {(int)request.Multiplier.Stacking}: MULTIPLIER_STACKING_ADD or MULTIPLIER_STACKING_COMPOUND");
        }
        var command = new Core.CreatePromotion(
            request.RequestId,
            request.ProgramId,
            AccessInterceptor.Caller(context).Actor,
            request.PromotionId,
            request.Name,
            request.RuleToDomain(),
            RequiredTime(v, request.StartsAt, "starts_at"),
            RequiredTime(v, request.EndsAt, "ends_at"),
            request.Target.ToDomain("target", v),
            request.UsageLimitPerMember,
            request.EarlyAccess.ToDomain("early_access", v),
            request.DaysOfWeek.ToDomain("days_of_week", v))
        {
            Locations = request.Locations.Select(l => new Core.PromotionLocation(l.MerchantId, l.StoreId is { Length: > 0 } store ? store : null)).ToArray(),
            MinBasketMinor = request.MinBasketMinor,
            SegmentIds = request.SegmentIds.ToArray(),
        };
        var change = (await Program(v, request.ProgramId).Change(command)).Unwrap();
        return new CreatePromotionResponse { Promotion = Event<Core.PromotionCreated>(change).Promotion.ToProto() };
    }

    public override async Task<ListPromotionsResponse> ListPromotions(ListPromotionsRequest request, ServerCallContext context)
    {
        var v = new RequestValidator().Range("page_size", request.PageSize, 0, MaxPageSize);
        // The token is the position of the next promotion to look at: promotions are only ever appended, so it stays
        // valid while new ones are created.
        var start = 0;
        if (request.PageToken.Length > 0
            && !(int.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out start) && start > 0))
        {
            v.Add("page_token", "is not a token returned by ListPromotions; leave it empty for the first page");
        }
        var rules = (await Program(v, request.ProgramId).Get()).Unwrap();
        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var now = time.GetUtcNow();
        var response = new ListPromotionsResponse();
        for (var i = start; i < rules.Promotions.Count; i++)
        {
            var promotion = rules.Promotions[i];
            if (request.ActiveOnly && !IsActive(promotion, now))
            {
                continue;
            }
            if (response.Promotions.Count == pageSize)
            {
                response.NextPageToken = i.ToString(CultureInfo.InvariantCulture);
                break;
            }
            response.Promotions.Add(promotion.ToProto());
        }
        return response;
    }

    public override async Task<EndPromotionResponse> EndPromotion(EndPromotionRequest request, ServerCallContext context)
    {
        var program = Program(new RequestValidator(), request.ProgramId);
        var change = (await program.Change(new Core.EndPromotion(request.RequestId, request.ProgramId, AccessInterceptor.Caller(context).Actor, request.PromotionId))).Unwrap();
        var ended = Event<Core.PromotionEnded>(change);
        var promotion = change.Rules.Promotion(ended.PromotionId)
            ?? throw new InvalidOperationException($"Program '{request.ProgramId}' ended promotion '{ended.PromotionId}' but lacks it.");
        return new EndPromotionResponse { Promotion = promotion.ToProto() };
    }

    public override async Task<IssueCouponsResponse> IssueCoupons(IssueCouponsRequest request, ServerCallContext context)
    {
        var v = new RequestValidator();
        var command = new Core.IssueCoupons(
            request.RequestId,
            request.ProgramId,
            AccessInterceptor.Caller(context).Actor,
            request.PromotionId,
            request.Count,
            request.MemberId is { Length: > 0 } member ? member : null,
            request.MaxUsesPerCode == 0 ? 1 : request.MaxUsesPerCode,
            OptionalTime(v, request.ValidFrom, "valid_from"),
            OptionalTime(v, request.ValidUntil, "valid_until"));
        var change = (await Program(v, request.ProgramId).Change(command)).Unwrap();
        return new IssueCouponsResponse { Batch = Event<Core.CouponsIssued>(change).Batch.ToProto() };
    }

    public override async Task<ReinstateExpiredPointsResponse> ReinstateExpiredPoints(
        ReinstateExpiredPointsRequest request, ServerCallContext context)
    {
        var v = new RequestValidator();
        var from = OptionalTime(v, request.ExpiredFrom, "expired_from");
        var until = OptionalTime(v, request.ExpiredUntil, "expired_until");
        if (request.MemberId.Length > 0)
        {
            v.ThrowIfInvalid();
            var reinstate = new Domain.Members.ReinstateMemberPoints(
                request.RequestId, request.ProgramId, request.MemberId, AccessInterceptor.Caller(context).Actor, from, until, request.Reason);
            var reinstated = (await members.Get(request.ProgramId, request.MemberId).ReinstateExpiredPoints(reinstate)).Unwrap();
            return new ReinstateExpiredPointsResponse { PointsReinstated = reinstated.Points, Balance = reinstated.BalanceAfter.ToProto() };
        }
        var command = new Core.ReinstateProgramPoints(request.RequestId, request.ProgramId, AccessInterceptor.Caller(context).Actor, from, until, request.Reason);
        var change = (await Program(v, request.ProgramId).Change(command)).Unwrap();
        return new ReinstateExpiredPointsResponse { Reinstatement = Event<Core.ExpiredPointsReinstated>(change).Reinstatement.ToProto() };
    }

    /// <summary>
    /// The program's grain, once the violations collected so far and the program_id are fine (no grain is made for
    /// an id that cannot name a program).
    /// </summary>
    private IProgramGrain Program(RequestValidator v, string programId)
    {
        v.Id("program_id", programId).ThrowIfInvalid();
        return grains.GetGrain<IProgramGrain>(programId);
    }

    /// <summary>Whether the promotion applies to some purchase made now (to early-access members at least).</summary>
    private static bool IsActive(Core.Promotion promotion, DateTimeOffset now) =>
        (promotion.EarlyAccess?.StartsAt ?? promotion.StartsAt) <= now && now < promotion.EffectiveEnd;

    private static T? Required<T>(RequestValidator v, T? message, string field)
        where T : class
    {
        if (message is null)
        {
            v.Add(field, "is required");
        }
        return message;
    }

    private static T Event<T>(ProgramChange change)
        where T : Core.ProgramEvent =>
        change.Event as T
        ?? throw new InvalidOperationException($"A program change answered {change.Event.GetType().Name}, not {typeof(T).Name}.");
}
