using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>Promotions that give points: multipliers, spend thresholds, first purchase, repeat purchase, cumulative spend.</summary>
public sealed class PromotionBonusTests
{
    private static readonly DateTimeOffset Start = TestClock.Start;

    private static TestMember MemberWith(string promotionId, PromotionRule rule) =>
        TestMember.Enrolled(new RulesBuilder().Promotion(promotionId, rule).Rules);

    [Theory]
    [InlineData(new[] { "coffee" }, new string[0], "base-rate=200 [100,100]; promotion:double=100 [100,0]")] // only the coffee doubles
    [InlineData(new string[0], new[] { "green-tea" }, "base-rate=200 [100,100]; promotion:double=100 [0,100]")]
    [InlineData(new string[0], new string[0], "base-rate=200 [100,100]; promotion:double=200 [100,100]")]     // every line
    [InlineData(new[] { "bakery" }, new string[0], "base-rate=200 [100,100]")]                               // nothing in scope: not used
    public void Multiplier_multiplies_the_points_of_the_lines_in_its_scope(string[] categories, string[] skus, string expected)
    {
        var member = MemberWith("double", new BonusMultiplierRule(200, new ItemScope(categories, skus)));

        var purchase = member.Buy(new Basket().Line("espresso", 1, 1000, "coffee").Line("green-tea", 1, 1000, "tea"));

        Assert.Equal(expected, Show.Components(purchase.Components));
        Assert.Equal(expected.Contains("promotion", StringComparison.Ordinal), purchase.Used("double"));
        Assert.Equal(expected.Contains("promotion", StringComparison.Ordinal) ? 1 : 0, member.State.PromotionUses.GetValueOrDefault("double"));
    }

    [Fact]
    public void Multiplier_bonus_is_its_own_statement_line_naming_the_promotion()
    {
        var member = MemberWith("double", new BonusMultiplierRule(250, new ItemScope(["coffee"], [])));

        var purchase = member.Buy(new Basket().Line("espresso", 1, 1000, "coffee").Line("green-tea", 1, 1000, "tea"));

        Assert.Equal(
            [("base-rate", (string?)null, 200L), ("promotion:double", "double", 150L)],
            LedgerEntry.From(2, purchase).Select(e => (e.Rule, e.PromotionId, e.Points)));
        Assert.Equal(350L, member.Balance.Available);
    }

    [Theory]
    [InlineData(4_999L, 0L, "base-rate=499 [499]")]
    [InlineData(5_000L, 0L, "base-rate=500 [500]; promotion:big-basket=50 kept>=5000")] // exactly the threshold
    [InlineData(4_000L, 2_000L, "base-rate=400 [400,0]")]                               // excluded lines do not count towards it
    public void Spend_threshold_bonus_is_earned_from_exactly_the_threshold(long spendMinor, long excludedMinor, string expected)
    {
        var member = TestMember.Enrolled(new RulesBuilder()
            .Earning(new EarningRules { ExcludedCategories = ["gift-cards"] })
            .Promotion("big-basket", new SpendThresholdRule(5_000, 50))
            .Rules);
        var basket = new Basket().Line("item", 1, spendMinor);
        if (excludedMinor > 0)
        {
            basket.Line("gift-card", 1, excludedMinor, "gift-cards");
        }

        var purchase = member.Buy(basket);

        Assert.Equal(expected, Show.Components(purchase.Components));
    }

    [Fact]
    public void First_purchase_bonus_is_given_to_the_first_purchase_only()
    {
        var member = MemberWith("welcome", new FirstPurchaseRule(100));

        var first = member.Buy(new Basket().Line("item", 1, 1000));
        var second = member.Buy(new Basket().Line("item", 1, 1000));

        Assert.Equal("base-rate=100 [100]; promotion:welcome=100 kept>=1", Show.Components(first.Components));
        Assert.Equal("base-rate=100 [100]", Show.Components(second.Components));
    }

    [Fact]
    public void After_the_first_purchase_is_returned_in_full_the_next_one_is_the_first_again()
    {
        var member = MemberWith("welcome", new FirstPurchaseRule(100));
        var first = member.Buy(new Basket().Line("item", 2, 500));

        var ret = member.ReturnAll(first);
        var again = member.Buy(new Basket().Line("item", 1, 1000));

        Assert.Equal("base-rate=100; promotion:welcome=100", Show.Components(ret.Reversed));
        Assert.Equal("base-rate=100 [100]; promotion:welcome=100 kept>=1", Show.Components(again.Components));
        Assert.Equal(new Balance(Available: 200, LifetimeEarned: 400, LifetimeReversed: 200), member.Balance);
    }

    [Theory]
    [InlineData(new[] { 0, 10, 20 }, "-,-,bonus")]             // the third purchase within 30 days
    [InlineData(new[] { 0, 10, 30 }, "-,-,-")]                 // the first is exactly 30 days old: out of the window
    [InlineData(new[] { 0, 10, 31, 35 }, "-,-,-,bonus")]       // day 10, 31, 35
    [InlineData(new[] { 0, 1, 2, 3, 4, 5 }, "-,-,bonus,-,-,bonus")]
    public void Repeat_purchase_bonus_goes_to_every_kth_purchase_within_the_window(int[] days, string expected)
    {
        var member = MemberWith("regular", new RepeatPurchaseRule(3, 30, 70));

        var outcomes = days.Select(day =>
        {
            member.At(Start.AddDays(day));
            return member.Buy(new Basket().Line("item", 1, 1000)).Used("regular") ? "bonus" : "-";
        });

        Assert.Equal(expected, string.Join(",", outcomes));
    }

    [Fact]
    public void Repeat_purchase_bonus_is_a_fixed_component_of_the_purchase_that_earned_it()
    {
        var member = MemberWith("regular", new RepeatPurchaseRule(2, 30, 70));
        member.Buy(new Basket().Line("item", 1, 1000));

        var second = member.Buy(new Basket().Line("item", 1, 1000));

        Assert.Equal("base-rate=100 [100]; promotion:regular=70 kept>=1", Show.Components(second.Components));
    }

    [Fact]
    public void Purchases_returned_in_full_do_not_count_towards_a_repeat_purchase()
    {
        var member = MemberWith("regular", new RepeatPurchaseRule(2, 30, 70));
        member.ReturnAll(member.Buy(new Basket().Line("item", 1, 1000)));

        Assert.False(member.Buy(new Basket().Line("item", 1, 1000)).Used("regular"));
        Assert.True(member.Buy(new Basket().Line("item", 1, 1000)).Used("regular"));
    }

    [Theory]
    [InlineData(new long[] { 4_000, 4_000, 4_000, 4_000 }, "-,-,bonus,-")] // the crossing purchase, only once
    [InlineData(new long[] { 5_000, 5_000 }, "-,bonus")]                     // reaching the threshold exactly
    [InlineData(new long[] { 9_999, 1 }, "-,bonus")]
    [InlineData(new long[] { 12_000, 5_000 }, "bonus,-")]                    // one purchase past it
    public void Cumulative_spend_bonus_goes_to_the_purchase_that_crosses_the_threshold(long[] spends, string expected)
    {
        var member = MemberWith("loyal", new CumulativeSpendRule(10_000, 500));

        var outcomes = spends.Select(spend => member.Buy(new Basket().Line("item", 1, spend)).Used("loyal") ? "bonus" : "-");

        Assert.Equal(expected, string.Join(",", outcomes));
    }

    [Fact]
    public void Cumulative_spend_counts_from_the_promotions_start()
    {
        var member = TestMember.Enrolled(new RulesBuilder().Promotion("loyal", new CumulativeSpendRule(10_000, 500), startsAt: Start.AddDays(1)).Rules);
        member.Buy(new Basket().Line("item", 1, 8_000)); // before it started
        member.At(Start.AddDays(2));

        var purchase = member.Buy(new Basket().Line("item", 1, 4_000));

        Assert.False(purchase.Used("loyal"));
    }

    [Fact]
    public void Cumulative_spend_bonus_is_given_once_to_an_early_access_member()
    {
        var rules = new RulesBuilder()
            .Tier("gold", 50_000, 100)
            .Promotion("loyal", new CumulativeSpendRule(10_000, 500), startsAt: Start.AddDays(10), earlyAccess: new EarlyAccess("gold", Start.AddDays(5)))
            .Rules;
        var member = TestMember.Enrolled(rules);
        member.Buy(new Basket().Line("item", 1, 50_000)); // gold
        member.At(Start.AddDays(6));
        Assert.True(member.Buy(new Basket().Line("item", 1, 12_000)).Used("loyal"));
        member.At(Start.AddDays(11));

        var afterStart = member.Buy(new Basket().Line("item", 1, 12_000));

        Assert.False(afterStart.Used("loyal"));
    }

    [Fact]
    public void Cumulative_spend_bonus_remembers_how_much_of_the_purchase_must_be_kept()
    {
        var member = MemberWith("loyal", new CumulativeSpendRule(10_000, 500));
        member.Buy(new Basket().Line("item", 1, 7_000));

        var crossing = member.Buy(new Basket().Line("item", 4, 1_000));

        // 7 000 were spent before: 3 000 of this purchase's 4 000 took the member over the threshold.
        Assert.Equal("base-rate=400 [400]; promotion:loyal=500 kept>=3000", Show.Components(crossing.Components));
        Assert.Equal("base-rate=100", Show.Components(member.Return(crossing.TransactionId, ("item", 1)).Reversed));
        Assert.Equal("base-rate=100; promotion:loyal=500", Show.Components(member.Return(crossing.TransactionId, ("item", 1)).Reversed));
    }
}
