using System.Globalization;
using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Tests.Builders;

/// <summary>
/// A program's rules, built the way an admin builds them: every change is a command decided by
/// <see cref="ProgramAdmin"/> and applied to a <see cref="ProgramState"/>, so a test can only set up rules the
/// admin API accepts. Defaults: EUR, 10 points per euro, negative balances allowed, time zone UTC; promotions run
/// from <see cref="TestClock.Start"/> for five years, for everyone, every day, without a usage limit.
/// </summary>
public sealed class RulesBuilder
{
    public const string ProgramId = TestMember.ProgramId;
    public const string Admin = "admin@test";

    private int requests;

    public RulesBuilder(string currency = "EUR", long pointsPerCurrencyUnit = 10, string? timeZone = null, bool allowNegativeBalance = true,
        TimeSpan? returnHorizon = null, TimeSpan? offlineWindow = null)
    {
        Do(new CreateProgram("req-program", ProgramId, "Test rewards", currency, pointsPerCurrencyUnit, null, allowNegativeBalance, offlineWindow, timeZone,
            ReturnHorizon: returnHorizon));
    }

    public ProgramState State { get; } = new();

    /// <summary>When the admin makes the next change.</summary>
    public DateTimeOffset Now { get; set; } = TestClock.Start;

    public ProgramRules Rules => State.Rules ?? throw new InvalidOperationException("The program was not created.");

    public string NextRequestId() => "admin-req-" + (++requests).ToString(CultureInfo.InvariantCulture);

    /// <summary>Decides <paramref name="command"/> at <see cref="Now"/> and applies its event, as the program grain does.</summary>
    public ProgramDecision Do(IProgramCommand command)
    {
        var decision = new ProgramAdmin(State).Handle(command, Now);
        if (decision.NewEvent is { } e)
        {
            State.Apply(e, State.Version + 1);
        }
        return decision;
    }

    /// <summary>Asserts that <paramref name="command"/> is refused without changing the program; returns how.</summary>
    public Refusal Refuses(IProgramCommand command)
    {
        var (version, rules) = (State.Version, State.Rules);
        var refusal = Assert.Throws<LoyaltyException>(() => new ProgramAdmin(State).Handle(command, Now));
        Assert.Equal(version, State.Version);
        Assert.Same(rules, State.Rules);
        return Refusal.Of(refusal.Error);
    }

    public RulesBuilder Earning(EarningRules earning)
    {
        Do(new SetEarningRules(NextRequestId(), ProgramId, Admin, earning));
        return this;
    }

    public RulesBuilder Expiry(ExpiryKind kind, int months)
    {
        Do(new SetExpiryPolicy(NextRequestId(), ProgramId, Admin, new ExpiryPolicy(kind, months)));
        return this;
    }

    public RulesBuilder TierPolicy(TierMetric metric = TierMetric.QualifyingSpend, int windowMonths = 12, int reviewMonths = 12, int graceDays = 30,
        TierDowngradeMode downgradeMode = TierDowngradeMode.AtReview)
    {
        Do(new SetTierPolicy(NextRequestId(), ProgramId, Admin,
            new TierPolicy(metric, windowMonths, reviewMonths, graceDays) { DowngradeMode = downgradeMode }));
        return this;
    }

    public RulesBuilder Tier(string tierId, long threshold, long earnMultiplierPercent = 100, params string[] benefits)
    {
        Do(TierRequest(tierId, threshold, earnMultiplierPercent, benefits));
        return this;
    }

    public UpsertTier TierRequest(string tierId, long threshold, long earnMultiplierPercent = 100, params string[] benefits) =>
        new(NextRequestId(), ProgramId, Admin, new TierDefinition(tierId, tierId.ToUpperInvariant(), threshold, earnMultiplierPercent, benefits));

    public RulesBuilder Promotion(
        string promotionId,
        PromotionRule rule,
        DateTimeOffset? startsAt = null,
        DateTimeOffset? endsAt = null,
        PromotionTarget? target = null,
        int usageLimitPerMember = 0,
        EarlyAccess? earlyAccess = null,
        params DayOfWeek[] daysOfWeek)
    {
        Do(PromotionRequest(promotionId, rule, startsAt, endsAt, target, usageLimitPerMember, earlyAccess, daysOfWeek));
        return this;
    }

    public CreatePromotion PromotionRequest(
        string promotionId,
        PromotionRule? rule,
        DateTimeOffset? startsAt = null,
        DateTimeOffset? endsAt = null,
        PromotionTarget? target = null,
        int usageLimitPerMember = 0,
        EarlyAccess? earlyAccess = null,
        params DayOfWeek[] daysOfWeek) =>
        new(NextRequestId(), ProgramId, Admin, promotionId, "Promo " + promotionId, rule,
            startsAt ?? TestClock.Start, endsAt ?? TestClock.Start.AddYears(5), target ?? PromotionTarget.Everyone,
            usageLimitPerMember, earlyAccess, daysOfWeek);

    public RulesBuilder EndPromotion(string promotionId)
    {
        Do(new EndPromotion(NextRequestId(), ProgramId, Admin, promotionId));
        return this;
    }

    public CouponBatch IssueCoupons(string promotionId, int count = 1, string? memberId = null, int maxUsesPerCode = 1,
        DateTimeOffset? validFrom = null, DateTimeOffset? validUntil = null) =>
        ((CouponsIssued)Do(new IssueCoupons(NextRequestId(), ProgramId, Admin, promotionId, count, memberId, maxUsesPerCode, validFrom, validUntil))
            .Result).Batch;

    /// <summary>What the coupon service would say about <paramref name="code"/> after <paramref name="uses"/> uses.</summary>
    public CouponStatus Coupon(string code, int uses = 0) => new(code, State.CouponBatch(code), uses);

    public Reinstatement ReinstateExpired(DateTimeOffset? expiredFrom, DateTimeOffset? expiredUntil, string reason = "service outage") =>
        ((ExpiredPointsReinstated)Do(new ReinstateProgramPoints(NextRequestId(), ProgramId, Admin, expiredFrom, expiredUntil, reason))
            .Result).Reinstatement;
}
