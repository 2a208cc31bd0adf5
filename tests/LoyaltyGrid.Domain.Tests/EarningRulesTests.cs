using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>The program's earning rules: rates by location, multipliers by SKU and category, exclusions, minimum spend.</summary>
public sealed class EarningRulesTests
{
    private static ProgramRules Rules(EarningRules earning) => new RulesBuilder().Earning(earning).Rules;

    [Fact]
    public void Base_rate_earns_points_per_currency_unit_of_the_basket()
    {
        var member = TestMember.Enrolled(new RulesBuilder(pointsPerCurrencyUnit: 10).Rules);

        var purchase = member.Buy(new Basket().Line("bread", 2, 350).Line("milk", 1, 120)); // 8.20 EUR

        Assert.Equal((82L, "base-rate=82 [70,12]"), (purchase.Points, Show.Components(purchase.Components)));
        Assert.Equal(new Balance(Available: 82, LifetimeEarned: 82), member.Balance);
    }

    [Theory]
    [InlineData("merchant-1", "store-1", 300L)] // the store's own rate beats its merchant's
    [InlineData("merchant-1", "store-2", 200L)] // another store of the merchant: the merchant's rate
    [InlineData("merchant-2", "store-1", 100L)] // same store id at another merchant: the program's base rate
    [InlineData("merchant-3", "store-9", 400L)] // a store rate without a merchant rate
    [InlineData("merchant-3", "store-1", 100L)] // that merchant's other stores: the base rate
    public void Store_rate_beats_merchant_rate_beats_base_rate(string merchantId, string storeId, long expectedPoints)
    {
        var member = TestMember.Enrolled(Rules(new EarningRules
        {
            LocationRates =
            [
                new LocationRate("merchant-1", "store-1", 30), // listed before the merchant's rate on purpose
                new LocationRate("merchant-1", null, 20),
                new LocationRate("merchant-3", "store-9", 40),
            ],
        }));

        var purchase = member.BuyAt(new Basket().Line("item", 1, 1000), merchantId, storeId);

        Assert.Equal($"base-rate={expectedPoints} [{expectedPoints}]", Show.Components(purchase.Components));
    }

    [Theory]
    [InlineData("espresso", "coffee", 300L)]  // SKU multiplier beats its category's
    [InlineData("latte", "coffee", 200L)]     // category multiplier
    [InlineData("sample", "coffee", 50L)]     // a SKU multiplier may also lower the rate
    [InlineData("mug", "kitchen", 100L)]      // neither: as is
    [InlineData("espresso", "kitchen", 300L)] // the SKU's multiplier whatever the category
    public void Sku_multiplier_beats_category_multiplier(string sku, string category, long expectedPoints)
    {
        var member = TestMember.Enrolled(Rules(new EarningRules
        {
            CategoryMultiplierPercents = new Dictionary<string, long> { ["coffee"] = 200 },
            SkuMultiplierPercents = new Dictionary<string, long> { ["espresso"] = 300, ["sample"] = 50 },
        }));

        var purchase = member.Buy(new Basket().Line(sku, 1, 1000, category));

        Assert.Equal($"base-rate={expectedPoints} [{expectedPoints}]", Show.Components(purchase.Components));
    }

    [Fact]
    public void Excluded_category_earns_nothing_and_is_not_qualifying_spend()
    {
        var member = TestMember.Enrolled(Rules(new EarningRules { ExcludedCategories = ["tobacco", "gift-cards"] }));

        var purchase = member.Buy(new Basket().Line("cigars", 1, 5000, "tobacco").Line("bread", 1, 1000, "bakery"));

        Assert.Equal(
            (100L, "base-rate=100 [0,100]", "5000,1000", "0,1000", 1000L),
            (purchase.Points, Show.Components(purchase.Components), Show.Amounts(purchase.LineNetMinor), Show.Amounts(purchase.LineQualifyingMinor), purchase.QualifyingMinor));
    }

    [Theory]
    [InlineData(1000L, 0L)]   // 60.00 EUR in all, but only the 10.00 EUR of bread qualifies
    [InlineData(2000L, 200L)] // the bread alone reaches it
    public void Excluded_category_does_not_count_towards_the_minimum_spend(long breadMinor, long expectedPoints)
    {
        var member = TestMember.Enrolled(Rules(new EarningRules { ExcludedCategories = ["tobacco"], MinQualifyingSpendMinor = 2000 }));

        var purchase = member.Buy(new Basket().Line("cigars", 1, 5000, "tobacco").Line("bread", 1, breadMinor, "bakery"));

        Assert.Equal(expectedPoints, purchase.Points);
        Assert.Equal(new Balance(Available: expectedPoints, LifetimeEarned: expectedPoints), member.Balance);
    }

    [Theory]
    [InlineData(1999L, 0L, "")]                     // one minor unit short: nothing at all
    [InlineData(2000L, 200L, "base-rate=200 [200] kept>=2000")] // exactly the minimum earns
    [InlineData(2001L, 200L, "base-rate=200 [200] kept>=2000")]
    public void Minimum_qualifying_spend_is_reached_at_exactly_the_threshold(long totalMinor, long expectedPoints, string expectedComponents)
    {
        var member = TestMember.Enrolled(Rules(new EarningRules { MinQualifyingSpendMinor = 2000 }));

        var purchase = member.Buy(new Basket().Line("item", 1, totalMinor));

        Assert.Equal((expectedPoints, expectedComponents), (purchase.Points, Show.Components(purchase.Components)));
        Assert.Equal(new Balance(Available: expectedPoints, LifetimeEarned: expectedPoints), member.Balance);
    }

    [Fact]
    public void A_fully_returned_first_purchase_gives_its_bonus_back_and_the_next_purchase_is_the_first_again()
    {
        var member = TestMember.Enrolled(new RulesBuilder().Promotion("welcome", new FirstPurchaseRule(500)).Rules);
        var first = member.Buy(new Basket().Line("item", 1, 1000));

        var returned = member.ReturnAll(first);
        var second = member.Buy(new Basket().Line("item", 1, 1000));
        var third = member.Buy(new Basket().Line("item", 1, 1000));

        // The rule is "the first purchase the member keeps": the member holds one welcome bonus, never two.
        Assert.Equal((600L, 600L, 600L, 100L), (first.Points, returned.Points, second.Points, third.Points));
        Assert.Equal(new Balance(Available: 700, LifetimeEarned: 1300, LifetimeReversed: 600), member.Balance);
    }

    [Fact]
    public void A_return_that_takes_kept_spend_below_the_programs_minimum_takes_back_all_the_points()
    {
        var member = TestMember.Enrolled(new RulesBuilder().Earning(new EarningRules { MinQualifyingSpendMinor = 10_000 }).Rules);
        var purchase = member.Buy(new Basket().Line("coat", 1, 10_000).Line("scarf", 1, 5_200));

        var returned = member.Return(purchase.TransactionId, ("coat", 1));

        // 52.00 kept would have earned nothing: the purchase keeps no points, as a spend-threshold bonus would not.
        Assert.Equal((1520L, 1520L), (purchase.Points, returned.Points));
        Assert.Equal(0, member.Balance.Available);
    }

    [Fact]
    public void Below_the_minimum_spend_no_promotion_bonus_is_given_either()
    {
        var rules = new RulesBuilder()
            .Earning(new EarningRules { MinQualifyingSpendMinor = 2000 })
            .Promotion("welcome", new FirstPurchaseRule(500))
            .Rules;
        var member = TestMember.Enrolled(rules);

        var purchase = member.Buy(new Basket().Line("item", 1, 1999));

        Assert.Equal((0L, 0), (purchase.Points, purchase.PromotionsUsed.Count));
        Assert.False(member.State.PromotionUses.ContainsKey("welcome"));
    }

    [Theory]
    // rate, multiplier %, line prices: each line alone earns a fraction of a point; the purchase rounds once.
    [InlineData(1L, 100L, new long[] { 50, 50 }, 1L, new long[] { 1, 0 })]          // 0.5 + 0.5 = 1
    [InlineData(1L, 100L, new long[] { 34, 33, 33 }, 1L, new long[] { 1, 0, 0 })]   // 1.00 in three pieces
    [InlineData(1L, 150L, new long[] { 33, 33 }, 0L, new long[] { 0, 0 })]          // 0.495 + 0.495 = 0.99
    [InlineData(3L, 100L, new long[] { 10, 10, 10, 10 }, 1L, new long[] { 1, 0, 0, 0 })] // 4 × 0.3 = 1.2
    [InlineData(10L, 100L, new long[] { 15, 15, 15 }, 4L, new long[] { 2, 1, 1 })]  // 3 × 1.5 = 4.5: one line gets the extra point
    public void Points_are_rounded_down_once_per_purchase_and_shared_over_the_lines(
        long rate, long multiplierPercent, long[] prices, long expectedPoints, long[] expectedLinePoints)
    {
        var member = TestMember.Enrolled(new RulesBuilder(pointsPerCurrencyUnit: rate)
            .Earning(new EarningRules { CategoryMultiplierPercents = new Dictionary<string, long> { ["general"] = multiplierPercent } })
            .Rules);
        var basket = new Basket();
        for (var i = 0; i < prices.Length; i++)
        {
            basket.Line($"sku-{i}", 1, prices[i]);
        }

        var purchase = member.Buy(basket);

        Assert.Equal($"base-rate={expectedPoints} [{Show.Amounts(expectedLinePoints)}]", Show.Components(purchase.Components));
        Assert.Equal(expectedPoints, expectedLinePoints.Sum());
    }

    [Fact]
    public void Tier_bonus_and_promotion_bonus_are_each_rounded_once_per_purchase()
    {
        // Rate 1: two lines of 0.50 EUR. Base 0.5 + 0.5 = 1; gold (150%) adds 0.25 + 0.25 = 0 after rounding;
        // a 300% multiplier adds 1 + 1 = 2.
        var rules = new RulesBuilder(pointsPerCurrencyUnit: 1).Tier("gold", 0, 150).Promotion("triple", new BonusMultiplierRule(300, ItemScope.AllItems)).Rules;
        var member = TestMember.Enrolled(rules);
        member.Buy(new Basket().Line("starter", 1, 0)); // reaches gold (threshold 0)

        var purchase = member.Buy(new Basket().Line("a", 1, 50).Line("b", 1, 50));

        Assert.Equal("base-rate=1 [1,0]; promotion:triple=2 [1,1]", Show.Components(purchase.Components));
        Assert.Equal(3L, purchase.Points);
    }
}
