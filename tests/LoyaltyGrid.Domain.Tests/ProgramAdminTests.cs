using System.Text.RegularExpressions;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>Admin changes to a program: what is refused and why, retries, and coupon codes.</summary>
public sealed partial class ProgramAdminTests
{
    private static readonly DateTimeOffset Start = TestClock.Start;

    private readonly RulesBuilder program = new RulesBuilder().Tier("silver", 10_000, 150).Tier("gold", 50_000, 200);

    [GeneratedRegex("^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$")]
    private static partial Regex CouponCode();

    [Theory]
    [InlineData("platinum", 50_000L)] // a new tier at gold's threshold
    [InlineData("silver", 50_000L)]   // silver moved onto gold's threshold
    [InlineData("gold", 10_000L)]
    public void Two_tiers_at_one_threshold_are_refused(string tierId, long threshold)
    {
        Assert.Equal(Refusal.Invalid("tier.threshold"), program.Refuses(program.TierRequest(tierId, threshold, 300)));
    }

    [Fact]
    public void Tiers_are_kept_ordered_by_threshold_whatever_order_they_are_made_in()
    {
        program.Tier("bronze", 1_000, 110).Tier("silver", 20_000, 160);

        Assert.Equal([("bronze", 1_000L), ("silver", 20_000L), ("gold", 50_000L)], program.Rules.Tiers.Select(t => (t.TierId, t.Threshold)));
        Assert.Equal((1, 2, 3, 0), (program.Rules.RankOf("bronze"), program.Rules.RankOf("silver"), program.Rules.RankOf("gold"), program.Rules.RankOf(null)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Promotion_ending_at_or_before_its_start_is_refused(int endsSecondsAfterStart)
    {
        var request = program.PromotionRequest("p", new FirstPurchaseRule(10), startsAt: Start.AddDays(1), endsAt: Start.AddDays(1).AddSeconds(endsSecondsAfterStart));

        Assert.Equal(Refusal.Invalid("ends_at"), program.Refuses(request));
    }

    [Fact]
    public void Promotion_that_has_already_ended_is_refused()
    {
        program.Now = Start.AddDays(10);

        Assert.Equal(Refusal.Invalid("ends_at"), program.Refuses(program.PromotionRequest("p", new FirstPurchaseRule(10), startsAt: Start, endsAt: Start.AddDays(10))));
    }

    public static TheoryData<PromotionRule?, string> InvalidRules => new()
    {
        { null, "rule" },
        { new BonusMultiplierRule(0, ItemScope.AllItems), "multiplier.multiplier_percent" },
        { new BonusMultiplierRule(100, ItemScope.AllItems), "multiplier.multiplier_percent" }, // 100% gives nothing
        { new BonusMultiplierRule(200, new ItemScope(["a", "a"], [])), "multiplier.scope.categories" },
        { new SpendThresholdRule(0, 10), "spend_threshold.min_spend_minor" },
        { new SpendThresholdRule(100, 0), "spend_threshold.bonus_points" },
        { new FirstPurchaseRule(0), "first_purchase.bonus_points" },
        { new PunchCardRule(0, ItemScope.AllItems), "punch_card.required" },
        { new BuyOneGetOneRule(0, ItemScope.AllItems), "buy_one_get_one.percent_off" },
        { new BuyOneGetOneRule(101, ItemScope.AllItems), "buy_one_get_one.percent_off" },
        { new CouponRule(0, 0, 0), "coupon" },
        { new CouponRule(100, 10, 0), "coupon" },
        { new CouponRule(0, 101, 0), "coupon.discount_percent" },
        { new RepeatPurchaseRule(1, 30, 10), "repeat_purchase.purchases" },
        { new RepeatPurchaseRule(2, 0, 10), "repeat_purchase.window_days" },
        { new CumulativeSpendRule(0, 10), "cumulative_spend.threshold_minor" },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public void Promotion_rule_out_of_range_is_refused_naming_the_field(PromotionRule? rule, string field)
    {
        Assert.Equal(Refusal.Invalid(field), program.Refuses(program.PromotionRequest("p", rule)));
    }

    [Fact]
    public void Promotion_for_an_unknown_tier_is_refused()
    {
        var request = program.PromotionRequest("p", new FirstPurchaseRule(10), target: new PromotionTarget(TargetKind.Tiers, ["gold", "diamond"], 0));

        Assert.Equal(Refusal.Invalid("target.tier_ids[1]"), program.Refuses(request));
    }

    [Theory]
    [InlineData(TargetKind.Tiers, 0, "target.tier_ids")]  // no tier named
    [InlineData(TargetKind.Lapsed, 0, "target.lapsed_days")]
    public void Promotion_target_without_its_parameter_is_refused(TargetKind kind, int lapsedDays, string field)
    {
        Assert.Equal(Refusal.Invalid(field), program.Refuses(program.PromotionRequest("p", new FirstPurchaseRule(10), target: new PromotionTarget(kind, [], lapsedDays))));
    }

    [Fact]
    public void Early_access_for_an_unknown_tier_is_refused()
    {
        var request = program.PromotionRequest("p", new FirstPurchaseRule(10), startsAt: Start.AddDays(5), earlyAccess: new EarlyAccess("diamond", Start));

        Assert.Equal(Refusal.Invalid("early_access.min_tier_id"), program.Refuses(request));
    }

    [Fact]
    public void Early_access_that_does_not_open_before_the_start_is_refused()
    {
        var request = program.PromotionRequest("p", new FirstPurchaseRule(10), startsAt: Start.AddDays(5), earlyAccess: new EarlyAccess("gold", Start.AddDays(5)));

        Assert.Equal(Refusal.Invalid("early_access.starts_at"), program.Refuses(request));
    }

    [Fact]
    public void A_day_of_the_week_listed_twice_is_refused()
    {
        var request = program.PromotionRequest("p", new FirstPurchaseRule(10), daysOfWeek: [DayOfWeek.Saturday, DayOfWeek.Saturday]);

        Assert.Equal(Refusal.Invalid("days_of_week"), program.Refuses(request));
    }

    [Fact]
    public void Second_promotion_with_the_same_id_is_refused()
    {
        program.Promotion("p", new FirstPurchaseRule(10));

        Assert.Equal(Refusal.AlreadyExists("PROMOTION_ALREADY_EXISTS"), program.Refuses(program.PromotionRequest("p", new FirstPurchaseRule(20))));
    }

    [Fact]
    public void Issuing_coupons_for_a_promotion_without_a_coupon_rule_is_refused()
    {
        program.Promotion("double", new BonusMultiplierRule(200, ItemScope.AllItems));

        Assert.Equal(Refusal.Precondition("NOT_A_COUPON_PROMOTION"),
            program.Refuses(new IssueCoupons(program.NextRequestId(), RulesBuilder.ProgramId, RulesBuilder.Admin, "double", 10, null, 1, null, null)));
    }

    [Fact]
    public void Issuing_coupons_for_an_unknown_or_ended_promotion_is_refused()
    {
        program.Promotion("five-off", new CouponRule(500, 0, 0)).EndPromotion("five-off");

        Assert.Equal(
            (Refusal.NotFound("PROMOTION_NOT_FOUND"), Refusal.Precondition("PROMOTION_ALREADY_ENDED")),
            (program.Refuses(new IssueCoupons(program.NextRequestId(), RulesBuilder.ProgramId, RulesBuilder.Admin, "nope", 1, null, 1, null, null)),
             program.Refuses(new IssueCoupons(program.NextRequestId(), RulesBuilder.ProgramId, RulesBuilder.Admin, "five-off", 1, null, 1, null, null))));
    }

    [Fact]
    public void Coupons_valid_from_after_the_promotion_end_their_valid_until_defaults_to_are_refused_on_valid_from()
    {
        program.Promotion("five-off", new CouponRule(500, 0, 0));

        Assert.Equal(Refusal.Invalid("valid_from"), program.Refuses(new IssueCoupons(program.NextRequestId(), RulesBuilder.ProgramId,
            RulesBuilder.Admin, "five-off", 1, null, 1, new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero), null)));
    }

    [Fact]
    public void Coupons_valid_until_a_past_time_with_valid_from_defaulting_to_now_are_refused_on_valid_until()
    {
        program.Promotion("five-off", new CouponRule(500, 0, 0));

        Assert.Equal(Refusal.Invalid("valid_until"), program.Refuses(new IssueCoupons(program.NextRequestId(), RulesBuilder.ProgramId,
            RulesBuilder.Admin, "five-off", 1, null, 1, null, program.Now.AddDays(-1))));
    }

    [Fact]
    public void Ending_a_promotion_twice_is_refused()
    {
        program.Promotion("p", new FirstPurchaseRule(10)).EndPromotion("p");

        Assert.Equal(Refusal.Precondition("PROMOTION_ALREADY_ENDED"),
            program.Refuses(new EndPromotion(program.NextRequestId(), RulesBuilder.ProgramId, RulesBuilder.Admin, "p")));
    }

    [Fact]
    public void Retry_with_the_same_request_id_returns_the_first_answer_and_changes_nothing()
    {
        program.Promotion("five-off", new CouponRule(500, 0, 0));
        var command = new IssueCoupons("issue-1", RulesBuilder.ProgramId, RulesBuilder.Admin, "five-off", 5, null, 1, null, null);
        var first = program.Do(command);
        var (version, rules) = (program.State.Version, program.Rules);

        program.Now = Start.AddHours(1);
        var retry = program.Do(command);

        Assert.NotNull(first.NewEvent);
        Assert.Null(retry.NewEvent);
        Assert.Same(first.Result, retry.Result); // the same codes, not a new batch
        Assert.Equal(version, program.State.Version);
        Assert.Same(rules, program.Rules);
    }

    [Fact]
    public void A_benefit_named_twice_in_a_tier_is_refused_on_its_second_entry()
    {
        Assert.Equal(Refusal.Invalid("tier.benefits[2]"), program.Refuses(new UpsertTier(program.NextRequestId(), RulesBuilder.ProgramId,
            RulesBuilder.Admin, new("platinum", "Platinum", 100_000, 300, ["free-shipping", "lounge", "free-shipping"]))));
    }

    [Fact]
    public void Request_id_reused_for_another_change_is_refused()
    {
        program.Do(new UpsertTier("tier-1", RulesBuilder.ProgramId, RulesBuilder.Admin, new("platinum", "Platinum", 100_000, 300, [])));

        Assert.Equal(Refusal.AlreadyExists("REQUEST_ID_REUSED"),
            program.Refuses(new UpsertTier("tier-1", RulesBuilder.ProgramId, RulesBuilder.Admin, new("platinum", "Platinum", 100_000, 250, []))));
    }

    [Fact]
    public void Every_accepted_change_is_a_new_version_with_its_audit_fields()
    {
        var versionBefore = program.Rules.Version;
        program.Now = Start.AddMinutes(7);

        var decision = program.Do(new SetExpiryPolicy("expiry-1", RulesBuilder.ProgramId, "ops@test", new ExpiryPolicy(ExpiryKind.FifoLots, 24)));

        Assert.Equal(
            ("expiry-1", "ops@test", Start.AddMinutes(7), versionBefore + 1, new ExpiryPolicy(ExpiryKind.FifoLots, 24)),
            (decision.Result.RequestId, decision.Result.Actor, decision.Result.RecordedAt, program.Rules.Version, program.Rules.Expiry));
    }

    [Fact]
    public void Issued_codes_are_unique_and_easy_to_read_aloud()
    {
        program.Promotion("five-off", new CouponRule(500, 0, 0));

        var first = program.IssueCoupons("five-off", 5_000);
        var second = program.IssueCoupons("five-off", 5_000);

        var all = first.Codes.Concat(second.Codes).ToArray();
        Assert.Equal((5_000, 5_000, 10_000), (first.Codes.Count, second.Codes.Count, all.Distinct(StringComparer.Ordinal).Count()));
        Assert.All(all, code => Assert.Matches(CouponCode(), code));
        Assert.All(first.Codes, code => Assert.Same(first, program.State.CouponBatch(code)));
        Assert.All(second.Codes, code => Assert.Same(second, program.State.CouponBatch(code)));
    }

    [Fact]
    public void Coupon_batch_is_valid_from_now_until_the_promotion_ends_unless_told_otherwise()
    {
        program.Promotion("five-off", new CouponRule(500, 0, 0), endsAt: Start.AddDays(30));
        program.Now = Start.AddDays(2);

        var batch = program.IssueCoupons("five-off", 3, memberId: "member-7", maxUsesPerCode: 2);

        Assert.Equal(("five-off", "member-7", 2, Start.AddDays(2), Start.AddDays(30), Start.AddDays(2)),
            (batch.PromotionId, batch.MemberId, batch.MaxUsesPerCode, batch.ValidFrom, batch.ValidUntil, batch.IssuedAt));
        Assert.All(batch.Codes, code => Assert.Same(batch, program.State.CouponBatch(code)));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("CEST")]
    public void Program_in_an_unknown_time_zone_is_refused(string timeZone)
    {
        var request = new CreateProgram("req-2", "prog-2", "Other", "EUR", 10, null, null, null, timeZone);

        Assert.Equal(Refusal.Invalid("time_zone"), Refusal.Of(Assert.Throws<LoyaltyException>(request.Validate).Error));
    }

    [Fact]
    public void Creating_the_program_again_under_a_new_request_id_is_refused()
    {
        Assert.Equal(Refusal.AlreadyExists("PROGRAM_ALREADY_EXISTS"),
            program.Refuses(new CreateProgram("req-again", RulesBuilder.ProgramId, "Test rewards", "EUR", 10, null, null, null)));
    }

    [Fact]
    public void Changing_a_program_that_does_not_exist_is_refused()
    {
        var admin = new ProgramAdmin(new ProgramState());

        var refusal = Assert.Throws<LoyaltyException>(() => admin.Handle(new EndPromotion("r", "prog-x", RulesBuilder.Admin, "p"), Start));

        Assert.Equal(Refusal.NotFound("PROGRAM_NOT_FOUND"), Refusal.Of(refusal.Error));
    }

    [Theory]
    [InlineData(ExpiryKind.FifoLots, 0, "months")]
    [InlineData(ExpiryKind.Inactivity, 121, "months")]
    public void Expiry_period_out_of_range_is_refused(ExpiryKind kind, int months, string field)
    {
        Assert.Equal(Refusal.Invalid(field), program.Refuses(new SetExpiryPolicy(program.NextRequestId(), RulesBuilder.ProgramId, RulesBuilder.Admin, new ExpiryPolicy(kind, months))));
    }

    [Fact]
    public void Pending_period_longer_than_a_year_is_refused()
    {
        var request = new SetEarningRules(program.NextRequestId(), RulesBuilder.ProgramId, RulesBuilder.Admin, new EarningRules { PendingPeriod = TimeSpan.FromDays(366) });

        Assert.Equal(Refusal.Invalid("pending_period"), program.Refuses(request));
    }

    [Fact]
    public void Two_rates_for_one_location_are_refused()
    {
        var request = new SetEarningRules(program.NextRequestId(), RulesBuilder.ProgramId, RulesBuilder.Admin, new EarningRules
        {
            LocationRates = [new LocationRate("m", "s", 10), new LocationRate("m", "s", 20)],
        });

        Assert.Equal(Refusal.Invalid("location_rates[1]"), program.Refuses(request));
    }
}
