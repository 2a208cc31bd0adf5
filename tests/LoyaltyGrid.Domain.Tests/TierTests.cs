using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>Tiers: upgrades as soon as a purchase crosses a threshold, reviews that keep or lower by one tier.</summary>
public sealed class TierTests
{
    private static readonly DateTimeOffset Start = TestClock.Start;

    /// <summary>Silver from 100 EUR (150%), gold from 500 EUR (200%), platinum from 1000 EUR (300%), over 12 months.</summary>
    private static RulesBuilder Program(TierMetric metric = TierMetric.QualifyingSpend) => new RulesBuilder()
        .TierPolicy(metric, windowMonths: 12, reviewMonths: 12, graceDays: 30)
        .Tier("silver", metric == TierMetric.QualifyingSpend ? 10_000 : 1_000, 150, "free-shipping")
        .Tier("gold", metric == TierMetric.QualifyingSpend ? 50_000 : 5_000, 200, "free-shipping", "priority-service")
        .Tier("platinum", metric == TierMetric.QualifyingSpend ? 100_000 : 10_000, 300);

    private static string Changes(IEnumerable<MemberEvent> events) =>
        string.Join("; ", events.OfType<TierChanged>().Select(t =>
            $"{t.FromTierId ?? "none"}->{t.ToTierId ?? "none"} {t.Reason} metric {t.Metric} at {Show.Day(t.OccurredAt)} next {(t.ReviewAt is { } r ? Show.Day(r) : "none")}"));

    [Theory]
    [InlineData(9_999L, null)]
    [InlineData(10_000L, "silver")]   // exactly the threshold
    [InlineData(49_999L, "silver")]
    [InlineData(50_000L, "gold")]     // past silver straight to gold
    [InlineData(250_000L, "platinum")] // several tiers at once: one change
    public void A_purchase_crossing_a_threshold_upgrades_at_once_to_the_highest_tier_reached(long spendMinor, string? expectedTier)
    {
        var member = TestMember.Enrolled(Program().Rules);

        var decision = member.Handle(member.PurchaseOf(new Basket().Line("item", 1, spendMinor)));

        Assert.Equal(
            expectedTier is null ? "" : $"none->{expectedTier} Upgrade metric {spendMinor} at 2025-06-01 12:00 next 2026-06-01 12:00",
            Changes(decision.NewEvents));
        var purchase = Assert.IsType<PurchaseRecorded>(decision.NewEvents[0]);
        Assert.Same(purchase, decision.Result);
        Assert.Equal((expectedTier, expectedTier), (purchase.Tier?.TierId, member.State.Tier.TierId));
    }

    [Fact]
    public void A_new_member_starts_in_a_tier_whose_threshold_is_0_and_its_first_purchase_earns_at_it()
    {
        var member = TestMember.Enrolled(new RulesBuilder().TierPolicy(TierMetric.QualifyingSpend, 12, 12, 30).Tier("base", 0, 110).Rules);

        Assert.Equal("base", member.State.Tier.TierId);
        var first = member.Buy(new Basket().Line("item", 1, 10_000));

        Assert.Equal("base-rate=1000 [1000]; tier:base=100 [100]", Show.Components(first.Components));
    }

    [Fact]
    public void The_crossing_purchase_earns_at_the_old_tiers_rate_and_the_next_one_at_the_new()
    {
        var member = TestMember.Enrolled(Program().Rules);
        var first = member.Buy(new Basket().Line("item", 1, 10_000)); // none -> silver

        var crossing = member.Buy(new Basket().Line("item", 1, 40_000)); // silver -> gold
        var next = member.Buy(new Basket().Line("item", 1, 1_000));

        Assert.Equal("base-rate=1000 [1000]", Show.Components(first.Components));
        Assert.Equal("base-rate=4000 [4000]; tier:silver=2000 [2000]", Show.Components(crossing.Components));
        Assert.Equal("base-rate=100 [100]; tier:gold=100 [100]", Show.Components(next.Components));
        Assert.Equal(("gold", "Gold".ToUpperInvariant(), 200L, "free-shipping, priority-service"),
            (crossing.Tier!.TierId, crossing.Tier.Name, crossing.Tier.EarnMultiplierPercent, string.Join(", ", crossing.Tier.Benefits)));
    }

    public static TheoryData<string, int?, string> Reviews => new()
    {
        // What the silver member (since the start, review due at 12 months + 30 days grace) bought, and when;
        // the first value only names the case.
        { "nothing since", null, "silver->none Downgrade metric 0 at 2026-07-01 12:00 next none" },
        { "qualified again half way", 182, "silver->silver Retained metric 10000 at 2026-07-01 12:00 next 2027-06-01 12:00" },
        { "qualified again in the grace period", 375, "silver->silver Retained metric 10000 at 2026-07-01 12:00 next 2027-06-01 12:00" },
    };

    [Theory]
    [MemberData(nameof(Reviews))]
    public void Review_after_the_grace_period_keeps_the_tier_if_still_earned_else_lowers_it(string _, int? boughtAgainOnDay, string expected)
    {
        var member = TestMember.Enrolled(Program().Rules);
        member.Buy(new Basket().Line("item", 1, 10_000));
        if (boughtAgainOnDay is { } day)
        {
            member.At(Start.AddDays(day));
            member.Buy(new Basket().Line("item", 1, 10_000));
        }
        var reviewAt = Start.AddMonths(12).AddDays(30);

        Assert.Equal("", Changes(member.At(reviewAt.AddMinutes(-1))));
        Assert.Equal(expected, Changes(member.At(reviewAt)));
        Assert.Equal(expected.Contains("Retained", StringComparison.Ordinal) ? new TierStatus("silver", Start, Start.AddMonths(24)) : new TierStatus(null, reviewAt, null),
            member.State.Tier);
    }

    [Fact]
    public void Each_review_lowers_the_tier_by_one_however_low_the_metric()
    {
        var member = TestMember.Enrolled(Program().Rules);
        member.Buy(new Basket().Line("item", 1, 100_000)); // platinum

        Assert.Equal("platinum->gold Downgrade metric 0 at 2026-07-01 12:00 next 2027-06-01 12:00", Changes(member.At(Start.AddMonths(12).AddDays(30))));
        Assert.Equal("gold->silver Downgrade metric 0 at 2027-07-01 12:00 next 2028-06-01 12:00", Changes(member.At(Start.AddMonths(24).AddDays(30))));
        Assert.Equal("silver->none Downgrade metric 0 at 2028-07-01 12:00 next none", Changes(member.At(Start.AddMonths(36).AddDays(30))));
        Assert.Empty(member.At(Start.AddMonths(60)));
    }

    [Fact]
    public void Reviews_missed_while_nothing_ran_are_all_held_in_order()
    {
        var member = TestMember.Enrolled(Program().Rules);
        member.Buy(new Basket().Line("item", 1, 100_000));

        var due = member.At(Start.AddMonths(30));

        Assert.Equal(
            "platinum->gold Downgrade metric 0 at 2026-07-01 12:00 next 2027-06-01 12:00; gold->silver Downgrade metric 0 at 2027-07-01 12:00 next 2028-06-01 12:00",
            Changes(due));
    }

    [Fact]
    public void A_platinum_member_who_qualifies_only_for_silver_drops_to_gold()
    {
        var member = TestMember.Enrolled(Program().Rules);
        member.Buy(new Basket().Line("item", 1, 100_000));
        member.At(Start.AddMonths(11));
        member.Buy(new Basket().Line("item", 1, 20_000));

        Assert.Equal("platinum->gold Downgrade metric 20000 at 2026-07-01 12:00 next 2027-06-01 12:00", Changes(member.At(Start.AddMonths(12).AddDays(30))));
    }

    [Fact]
    public void A_return_lowers_the_metric_but_the_tier_only_at_review()
    {
        var member = TestMember.Enrolled(Program().Rules);
        var purchase = member.Buy(new Basket().Line("item", 1, 10_000));

        member.ReturnAll(purchase);

        Assert.Equal("silver", member.State.Tier.TierId);
        Assert.Equal(0L, member.State.TierMetricAt(member.Rules.TierPolicy, member.Now));
        Assert.Equal("silver->none Downgrade metric 0 at 2026-07-01 12:00 next none", Changes(member.At(Start.AddMonths(12).AddDays(30))));
    }

    [Theory]
    [InlineData(11, "silver")] // both purchases inside the 12-month window: 120 EUR
    [InlineData(12, null)]     // the first is exactly 12 months old: out of the window
    [InlineData(13, null)]
    public void The_metric_is_a_rolling_window_purchases_older_than_it_do_not_count(int monthsLater, string? expectedTier)
    {
        var member = TestMember.Enrolled(Program().Rules);
        member.Buy(new Basket().Line("item", 1, 6_000));
        member.At(Start.AddMonths(monthsLater));

        member.Buy(new Basket().Line("item", 1, 6_000));

        Assert.Equal(expectedTier, member.State.Tier.TierId);
    }

    [Theory]
    [InlineData(9_990L, 0L, null)]         // 999 points
    [InlineData(10_000L, 0L, "silver")]    // 1000 points
    [InlineData(9_000L, 100L, "silver")]   // 900 points and a 100-point first purchase bonus
    [InlineData(9_000L, 99L, null)]
    public void Points_earned_metric_counts_every_point_the_purchase_earns(long spendMinor, long welcomeBonus, string? expectedTier)
    {
        var program = Program(TierMetric.PointsEarned);
        if (welcomeBonus > 0)
        {
            program.Promotion("welcome", new FirstPurchaseRule(welcomeBonus));
        }
        var member = TestMember.Enrolled(program.Rules);

        member.Buy(new Basket().Line("item", 1, spendMinor));

        Assert.Equal(expectedTier, member.State.Tier.TierId);
    }

    [Fact]
    public void Tier_changes_are_ledger_lines_that_move_no_points()
    {
        var member = TestMember.Enrolled(Program().Rules);
        member.Buy(new Basket().Line("item", 1, 10_000));
        member.At(Start.AddMonths(12).AddDays(30));

        var lines = member.Statement().Where(e => e.Type == LedgerEntryType.TierChange).ToArray();

        Assert.Equal(
            [
                (0L, 0L, "tier", "Tier upgraded from none to silver (metric 10000)"),
                (0L, 0L, "tier", "Tier lowered from silver to none at review (metric 0)"),
            ],
            lines.Select(e => (e.Points, e.AvailableDelta, e.Rule, e.Description)));
    }

    [Fact]
    public void Overview_shows_the_tier_its_review_and_what_the_next_tier_needs()
    {
        var member = TestMember.Enrolled(Program().Rules);
        member.Buy(new Basket().Line("item", 1, 12_000));

        var overview = MemberOverview.Of(member.State, member.Rules, member.Now);

        Assert.Equal(("silver", Start, Start.AddMonths(12), 12_000L, "gold", 38_000L),
            (overview.Tier?.TierId, overview.TierSince, overview.TierReviewAt, overview.TierMetric, overview.NextTier?.TierId, overview.NextTierNeeds));
    }
}
