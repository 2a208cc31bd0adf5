using System.Globalization;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>
/// When a promotion applies: its window, early access by tier, who it targets, its usage limit and its days of the
/// week in the program's time zone. Each case checks the reason <see cref="PromotionEligibility"/> gives and that a
/// purchase then does (or does not) get the promotion's double points.
/// </summary>
public sealed class PromotionEligibilityTests
{
    private const string Promo = "double";
    private static readonly DateTimeOffset Start = TestClock.Start;
    private static readonly BonusMultiplierRule Double = new(200, ItemScope.AllItems);

    /// <summary>The reason the promotion does not apply to a purchase now, or "applies"; then such a purchase, checked to agree.</summary>
    private static string Outcome(TestMember member)
    {
        var promotion = member.Rules.Promotion(Promo)!;
        var reason = PromotionEligibility.WhyNot(promotion, member.Rules, member.State, member.Now)?.Reason ?? "applies";
        var purchase = member.Buy(new Basket().Line("item", 1, 1000));
        Assert.Equal(
            reason == "applies" ? $"base-rate=100 [100]; promotion:{Promo}=100 [100]" : "base-rate=100 [100]",
            Show.Components(purchase.Components.Where(c => !c.Rule.StartsWith("tier:", StringComparison.Ordinal))));
        return reason;
    }

    private static RulesBuilder Tiered() => new RulesBuilder().Tier("silver", 10_000, 100).Tier("gold", 50_000, 100);

    /// <summary>Buys at the start what it takes to reach <paramref name="tier"/>.</summary>
    private static TestMember MemberOf(ProgramRules rules, string? tier)
    {
        var member = TestMember.Enrolled(rules);
        if (tier is not null)
        {
            member.Buy(new Basket().Line("tier-spend", 1, rules.Tier(tier)!.Threshold));
            Assert.Equal(tier, member.State.Tier.TierId);
        }
        return member;
    }

    [Theory]
    [InlineData("2025-06-02T11:59:59Z", "PROMOTION_NOT_STARTED")]
    [InlineData("2025-06-02T12:00:00Z", "applies")]        // starts_at is inclusive
    [InlineData("2025-06-09T11:59:59Z", "applies")]
    [InlineData("2025-06-09T12:00:00Z", "PROMOTION_ENDED")] // ends_at is exclusive
    public void Promotion_applies_from_its_start_inclusive_to_its_end_exclusive(string at, string expected)
    {
        var member = TestMember.Enrolled(new RulesBuilder().Promotion(Promo, Double, startsAt: Start.AddDays(1), endsAt: Start.AddDays(8)).Rules);
        member.At(DateTimeOffset.Parse(at, CultureInfo.InvariantCulture));

        Assert.Equal(expected, Outcome(member));
    }

    [Theory]
    [InlineData(-1, "applies")]
    [InlineData(0, "PROMOTION_ENDED")]
    [InlineData(60, "PROMOTION_ENDED")]
    public void Promotion_ended_early_stops_applying_when_it_was_ended(int minutesAfterEnd, string expected)
    {
        var program = new RulesBuilder().Promotion(Promo, Double, endsAt: Start.AddDays(30));
        program.Now = Start.AddDays(3);
        program.EndPromotion(Promo);
        var member = TestMember.Enrolled(program.Rules);
        member.At(Start.AddDays(3).AddMinutes(minutesAfterEnd));

        Assert.Equal((Start.AddDays(3), Start.AddDays(3)), (member.Rules.Promotion(Promo)!.EndedAt, member.Rules.Promotion(Promo)!.EffectiveEnd));
        Assert.Equal(expected, Outcome(member));
    }

    [Fact]
    public void Offline_purchase_made_before_the_promotion_was_ended_still_gets_it()
    {
        var program = new RulesBuilder().Promotion(Promo, Double, endsAt: Start.AddDays(30));
        program.Now = Start.AddDays(3);
        program.EndPromotion(Promo);
        var member = TestMember.Enrolled(program.Rules);
        member.At(Start.AddDays(3).AddHours(1));

        var purchase = member.Buy(new Basket().Line("item", 1, 1000), occurredAt: Start.AddDays(3).AddMinutes(-1));

        Assert.True(purchase.Used(Promo));
    }

    [Theory]
    [InlineData("gold", 6, "applies")]                  // early access is for silver and above
    [InlineData("silver", 6, "applies")]
    [InlineData(null, 6, "PROMOTION_NOT_STARTED")]      // no tier: only from starts_at
    [InlineData(null, 10, "applies")]
    [InlineData("gold", 4, "PROMOTION_NOT_STARTED")]    // before early access opens
    public void Early_access_opens_the_promotion_sooner_to_members_of_a_high_enough_tier(string? tier, int day, string expected)
    {
        var rules = Tiered()
            .Promotion(Promo, Double, startsAt: Start.AddDays(10), endsAt: Start.AddDays(20), earlyAccess: new EarlyAccess("silver", Start.AddDays(5)))
            .Rules;
        var member = MemberOf(rules, tier);
        member.At(Start.AddDays(day));

        Assert.Equal(expected, Outcome(member));
    }

    [Theory]
    [InlineData(null, "NOT_ELIGIBLE")]
    [InlineData("silver", "NOT_ELIGIBLE")]
    [InlineData("gold", "applies")]
    public void Promotion_for_some_tiers_applies_only_to_their_members(string? tier, string expected)
    {
        var rules = Tiered().Promotion(Promo, Double, startsAt: Start.AddDays(1), target: new PromotionTarget(TargetKind.Tiers, ["gold"], 0)).Rules;
        var member = MemberOf(rules, tier);
        member.At(Start.AddDays(2));

        Assert.Equal(expected, Outcome(member));
    }

    [Theory]
    [InlineData("never bought", "applies")]
    [InlineData("bought once", "NOT_ELIGIBLE")]
    [InlineData("bought and returned it all", "applies")]
    public void Promotion_for_first_time_customers_applies_until_a_purchase_is_kept(string history, string expected)
    {
        var rules = new RulesBuilder().Promotion(Promo, Double, startsAt: Start.AddDays(1), target: new PromotionTarget(TargetKind.FirstTimeCustomers, [], 0)).Rules;
        var member = TestMember.Enrolled(rules);
        if (history != "never bought")
        {
            var earlier = member.Buy(new Basket().Line("item", 2, 500));
            if (history == "bought and returned it all")
            {
                member.ReturnAll(earlier);
            }
        }
        member.At(Start.AddDays(2));

        Assert.Equal(expected, Outcome(member));
    }

    [Theory]
    [InlineData(null, "NOT_ELIGIBLE")]     // never bought: not lapsed
    [InlineData(29, "NOT_ELIGIBLE")]
    [InlineData(30, "applies")]            // exactly 30 days without a purchase
    [InlineData(45, "applies")]
    public void Promotion_for_lapsed_members_applies_after_the_set_days_without_a_purchase(int? daysSinceLastPurchase, string expected)
    {
        var rules = new RulesBuilder().Promotion(Promo, Double, startsAt: Start.AddDays(1), target: new PromotionTarget(TargetKind.Lapsed, [], 30)).Rules;
        var member = TestMember.Enrolled(rules);
        var now = Start.AddDays(60);
        if (daysSinceLastPurchase is { } days)
        {
            member.At(now.AddDays(-days));
            member.Buy(new Basket().Line("item", 1, 500));
        }
        member.At(now);

        Assert.Equal(expected, Outcome(member));
    }

    [Fact]
    public void Promotion_applies_at_most_its_usage_limit_per_member()
    {
        var member = TestMember.Enrolled(new RulesBuilder().Promotion(Promo, Double, usageLimitPerMember: 2).Rules);

        var outcomes = Enumerable.Range(0, 3).Select(_ => Outcome(member)).ToArray();

        Assert.Equal(["applies", "applies", "USAGE_LIMIT_REACHED"], outcomes);
        Assert.Equal(2, member.State.PromotionUses[Promo]);
    }

    [Fact]
    public void Usage_limit_is_per_member()
    {
        var rules = new RulesBuilder().Promotion(Promo, Double, usageLimitPerMember: 1).Rules;
        var first = TestMember.Enrolled(rules, "member-1");
        var second = TestMember.Enrolled(rules, "member-2");

        Assert.Equal(("applies", "applies", "USAGE_LIMIT_REACHED"), (Outcome(first), Outcome(second), Outcome(first)));
    }

    [Theory]
    [InlineData("Europe/Berlin", "2025-06-06T21:59:00Z", "PROMOTION_NOT_TODAY")] // Friday 23:59 in Berlin (summer time)
    [InlineData("Europe/Berlin", "2025-06-06T22:30:00Z", "applies")]             // Saturday 00:30 in Berlin, Friday in UTC
    [InlineData("Europe/Berlin", "2025-06-07T21:59:00Z", "applies")]             // Saturday 23:59
    [InlineData("Europe/Berlin", "2025-06-07T22:30:00Z", "PROMOTION_NOT_TODAY")] // Sunday 00:30 in Berlin, Saturday in UTC
    [InlineData("Europe/Berlin", "2025-12-05T22:30:00Z", "PROMOTION_NOT_TODAY")] // Friday 23:30 in Berlin (winter time, UTC+1)
    [InlineData("Europe/Berlin", "2025-12-05T23:30:00Z", "applies")]             // Saturday 00:30
    [InlineData(null, "2025-06-06T22:30:00Z", "PROMOTION_NOT_TODAY")]            // the same moments in a UTC program
    [InlineData(null, "2025-06-07T22:30:00Z", "applies")]
    public void Days_of_the_week_are_local_days_in_the_programs_time_zone(string? timeZone, string at, string expected)
    {
        var rules = new RulesBuilder(timeZone: timeZone).Promotion(Promo, Double, daysOfWeek: [DayOfWeek.Saturday]).Rules;
        var member = TestMember.Enrolled(rules);
        member.At(DateTimeOffset.Parse(at, CultureInfo.InvariantCulture));

        Assert.Equal(timeZone ?? "UTC", rules.Settings.TimeZone);
        Assert.Equal(expected, Outcome(member));
    }

    [Fact]
    public void Offline_purchase_is_judged_by_when_it_happened_not_when_it_arrived()
    {
        var rules = new RulesBuilder(timeZone: "Europe/Berlin").Promotion(Promo, Double, daysOfWeek: [DayOfWeek.Saturday]).Rules;
        var member = TestMember.Enrolled(rules);
        member.At(DateTimeOffset.Parse("2025-06-09T08:00:00Z", CultureInfo.InvariantCulture)); // Monday

        var purchase = member.Buy(new Basket().Line("item", 1, 1000), occurredAt: DateTimeOffset.Parse("2025-06-06T22:30:00Z", CultureInfo.InvariantCulture));

        Assert.True(purchase.Used(Promo));
    }
}
