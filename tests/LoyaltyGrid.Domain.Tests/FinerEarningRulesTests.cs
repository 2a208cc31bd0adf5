using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>Issue 11 part 4: line labels, excluded SKUs and labels, earn-only lists, labels in promotion scopes.</summary>
public sealed class FinerEarningRulesTests
{
    private static ProgramRules Rules(EarningRules earning) => new RulesBuilder().Earning(earning).Rules;

    [Fact]
    public void Excluded_skus_and_labels_earn_nothing_and_are_not_qualifying_spend()
    {
        var member = TestMember.Enrolled(Rules(new EarningRules { ExcludedSkus = ["tobacco"], ExcludedLabels = ["deposit"] }));

        var purchase = member.Buy(new Basket()
            .Line("bread", 1, 1000, "bakery")
            .Line("tobacco", 1, 2000, "kiosk")
            .Line("bottle", 1, 500, "drinks", "deposit", "glass"));

        Assert.Equal("base-rate=100 [100,0,0]", Show.Components(purchase.Components));
        Assert.Equal([1000L, 0, 0], purchase.LineQualifyingMinor);
    }

    [Fact]
    public void Earn_only_lets_only_the_lines_in_its_scope_earn()
    {
        var member = TestMember.Enrolled(Rules(new EarningRules
        {
            EarnOnly = new ItemScope(["groceries"], ["gift-wrap"]) { Labels = ["house-brand"] },
        }));

        var purchase = member.Buy(new Basket()
            .Line("apples", 1, 1000, "groceries")          // its category
            .Line("gift-wrap", 1, 1000, "services")        // its sku
            .Line("soap", 1, 1000, "household", "house-brand") // one of its labels
            .Line("tv", 1, 10000, "electronics", "brand-x"));  // none: earns nothing

        Assert.Equal("base-rate=300 [100,100,100,0]", Show.Components(purchase.Components));
        Assert.Equal(3000L, purchase.QualifyingMinor);
    }

    [Theory]
    [InlineData("espresso", new[] { "fair-trade" }, 300L)]            // a sku multiplier beats its labels'
    [InlineData("latte", new[] { "fair-trade" }, 150L)]               // a label multiplier beats its category's
    [InlineData("latte", new[] { "fair-trade", "organic" }, 250L)]    // several labels: the largest
    [InlineData("latte", new[] { "red" }, 200L)]                      // a label with no multiplier: the category's
    [InlineData("mug", new[] { "organic" }, 250L)]
    public void A_label_multiplier_comes_between_the_sku_and_the_category(string sku, string[] labels, long expectedPoints)
    {
        var member = TestMember.Enrolled(Rules(new EarningRules
        {
            CategoryMultiplierPercents = new Dictionary<string, long> { ["coffee"] = 200 },
            SkuMultiplierPercents = new Dictionary<string, long> { ["espresso"] = 300 },
            LabelMultiplierPercents = new Dictionary<string, long> { ["fair-trade"] = 150, ["organic"] = 250 },
        }));

        var purchase = member.Buy(new Basket().Line(sku, 1, 1000, "coffee", labels));

        Assert.Equal($"base-rate={expectedPoints} [{expectedPoints}]", Show.Components(purchase.Components));
    }

    [Fact]
    public void Promotion_scopes_can_name_labels()
    {
        var member = TestMember.Enrolled(new RulesBuilder()
            .Promotion("acme-double", new BonusMultiplierRule(200, new ItemScope([], []) { Labels = ["brand-acme"] }))
            .Rules);

        var purchase = member.Buy(new Basket()
            .Line("acme-drill", 1, 1000, "tools", "brand-acme", "blue")
            .Line("other-drill", 1, 1000, "tools", "brand-other"));

        Assert.Equal("base-rate=200 [100,100]; promotion:acme-double=100 [100,0]", Show.Components(purchase.Components));
    }

    [Fact]
    public void A_return_of_a_labelled_line_takes_back_its_share()
    {
        var member = TestMember.Enrolled(new RulesBuilder()
            .Promotion("acme-double", new BonusMultiplierRule(200, new ItemScope([], []) { Labels = ["brand-acme"] }))
            .Rules);
        var purchase = member.Buy(new Basket().Line("acme-drill", 2, 1000, "tools", "brand-acme").Line("saw", 1, 1000, "tools"));

        var returned = member.Return(purchase.TransactionId, ("acme-drill", 1));

        Assert.Equal(200L, returned.Points);
        Assert.Equal(new Balance(Available: 300, LifetimeEarned: 500, LifetimeReversed: 200), member.Balance);
    }

    [Theory]
    [InlineData(21, "lines[0].labels")]
    [InlineData(-1, "lines[0].labels[1]")]
    public void Bad_labels_are_refused(int count, string field)
    {
        var labels = count > 0 ? Enumerable.Range(0, count).Select(i => $"l{i}").ToArray() : ["red", "red"];
        var member = TestMember.Enrolled(new RulesBuilder().Rules);

        var refusal = member.Refuses(member.PurchaseOf(new Basket().Line("shirt", 1, 1000, "apparel", labels)));

        Assert.Equal(Refusal.Invalid(field), refusal);
    }

    [Fact]
    public void Bad_item_rules_are_refused_naming_the_field()
    {
        var rules = new RulesBuilder();
        var refusal = rules.Refuses(new SetEarningRules(rules.NextRequestId(), RulesBuilder.ProgramId, RulesBuilder.Admin, new EarningRules
        {
            ExcludedSkus = ["a", "a"],
            ExcludedLabels = ["bad label"],
            LabelMultiplierPercents = new Dictionary<string, long> { ["red"] = 0 },
            EarnOnly = new ItemScope([], []) { Labels = ["x", "x"] },
        }));

        Assert.Equal(Refusal.Invalid("excluded_skus", "excluded_labels[0]", "label_multipliers[red]", "earn_only.labels"), refusal);
    }
    [Theory]
    [InlineData("merchant-1", "store-1", true)]  // the store listed
    [InlineData("merchant-1", "store-2", false)] // another store of that merchant
    [InlineData("merchant-2", "store-9", true)]  // every store of the merchant listed without a store
    [InlineData("merchant-3", "store-1", false)]
    public void A_promotion_limited_to_merchants_or_stores_applies_only_there(string merchantId, string storeId, bool applies)
    {
        var rules = new RulesBuilder();
        rules.Do(rules.PromotionRequest("local", new SpendThresholdRule(1, 50)) with
        {
            Locations = [new PromotionLocation("merchant-1", "store-1"), new PromotionLocation("merchant-2", null)],
        });
        var member = TestMember.Enrolled(rules.Rules);

        var purchase = member.BuyAt(new Basket().Line("shirt", 1, 1000), merchantId, storeId);

        Assert.Equal(applies, purchase.Used("local"));
        Assert.Equal(applies ? 150L : 100L, purchase.Points);
    }

    [Theory]
    [InlineData(4999, false)]
    [InlineData(5000, true)]
    public void A_promotion_needs_its_minimum_basket_at_full_price(long price, bool applies)
    {
        var rules = new RulesBuilder();
        rules.Do(rules.PromotionRequest("double", new BonusMultiplierRule(200, ItemScope.AllItems)) with { MinBasketMinor = 5000 });
        var member = TestMember.Enrolled(rules.Rules);

        var purchase = member.Buy(new Basket().Line("shirt", 1, price));

        Assert.Equal(applies, purchase.Used("double"));
    }

    [Fact]
    public void A_coupon_of_a_promotion_elsewhere_or_below_its_minimum_basket_is_refused_and_the_purchase_goes_through()
    {
        var rules = new RulesBuilder();
        rules.Do(rules.PromotionRequest("here-only", new CouponRule(500, 0, 0)) with { Locations = [new PromotionLocation("merchant-9", null)] });
        rules.Do(rules.PromotionRequest("big-basket", new CouponRule(500, 0, 0)) with { MinBasketMinor = 10_000 });
        var (here, big) = (rules.IssueCoupons("here-only").Codes[0], rules.IssueCoupons("big-basket").Codes[0]);
        var member = TestMember.Enrolled(rules.Rules);

        var purchase = member.BuyWith(new Basket().Line("shirt", 1, 2000), rules.Coupon(here), rules.Coupon(big));

        Assert.Equal($"{here} PROMOTION_NOT_HERE; {big} BELOW_MINIMUM_BASKET", Show.Coupons(purchase.Coupons));
        Assert.Equal(200L, purchase.Points);
    }

    [Fact]
    public void Bad_locations_and_minimum_basket_are_refused_naming_the_field()
    {
        var rules = new RulesBuilder();

        var refusal = rules.Refuses(rules.PromotionRequest("p", new FirstPurchaseRule(10)) with
        {
            Locations = [new PromotionLocation("m-1", null), new PromotionLocation("m-1", null), new PromotionLocation("", "s")],
            MinBasketMinor = -1,
        });

        Assert.Equal(Refusal.Invalid("locations[1]", "locations[2].merchant_id", "min_basket_minor"), refusal);
    }
    [Fact]
    public void A_fixed_bonus_per_unit_counts_the_units_of_the_lines_in_scope_that_earn()
    {
        var rules = new RulesBuilder()
            .Earning(new EarningRules { ExcludedSkus = ["wine-sample"] })
            .Promotion("per-bottle", new FixedBonusRule(50, 0, new ItemScope(["wine"], [])));
        var member = TestMember.Enrolled(rules.Rules);

        var purchase = member.Buy(new Basket()
            .Line("red", 3, 1000, "wine")
            .Line("white", 1, 1000, "wine")
            .Line("wine-sample", 2, 100, "wine") // excluded: earns nothing, no bonus either
            .Line("bread", 1, 1000, "bakery"));

        Assert.Equal("base-rate=500 [300,100,0,100]; promotion:per-bottle=200 [150,50,0,0]", Show.Components(purchase.Components));
    }

    [Fact]
    public void A_fixed_bonus_per_line_is_once_per_line_whatever_its_quantity_and_a_return_takes_back_the_returned_share()
    {
        var member = TestMember.Enrolled(new RulesBuilder()
            .Promotion("spring", new FixedBonusRule(0, 100, new ItemScope([], []) { Labels = ["spring-range"] }))
            .Rules);
        var purchase = member.Buy(new Basket()
            .Line("dress", 2, 1000, "apparel", "spring-range")
            .Line("hat", 1, 1000, "apparel", "spring-range")
            .Line("coat", 1, 1000, "apparel"));

        var first = member.Return(purchase.TransactionId, ("dress", 1));
        var rest = member.Return(purchase.TransactionId, ("dress", 1), ("hat", 1));

        Assert.Equal("base-rate=400 [200,100,100]; promotion:spring=200 [100,100,0]", Show.Components(purchase.Components));
        Assert.Equal((150L, 350L), (first.Points, rest.Points));
        Assert.Equal(new Balance(Available: 100, LifetimeEarned: 600, LifetimeReversed: 500), member.Balance);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(10, 10)]
    public void A_fixed_bonus_sets_exactly_one_of_per_unit_and_per_line(long perUnit, long perLine)
    {
        var rules = new RulesBuilder();

        Assert.Equal(Refusal.Invalid("fixed_bonus"), rules.Refuses(rules.PromotionRequest("p", new FixedBonusRule(perUnit, perLine, ItemScope.AllItems))));
    }
    private static BonusMultiplierRule Multiplier(long percent, MultiplierStacking stacking, params string[] categories) =>
        new(percent, new ItemScope(categories, [])) { Stacking = stacking };

    [Fact]
    public void Adding_multipliers_each_take_a_share_of_the_base_and_a_compounding_one_multiplies_all_before_it()
    {
        // The example of MultiplierRule's documentation: 100 base, gold +50, double +100, triple +200, weekend x2 = 900.
        var member = TestMember.Enrolled(new RulesBuilder()
            .Tier("gold", 0, 150)
            .Promotion("double", Multiplier(200, MultiplierStacking.Add))
            .Promotion("weekend", Multiplier(200, MultiplierStacking.Compound))
            .Promotion("triple", Multiplier(300, MultiplierStacking.Add))
            .Rules);

        var purchase = member.Buy(new Basket().Line("book", 1, 1000));

        Assert.Equal("base-rate=100 [100]; tier:gold=50 [50]; promotion:double=100 [100]; promotion:triple=200 [200]; promotion:weekend=450 [450]",
            Show.Components(purchase.Components));
    }

    [Fact]
    public void Compounding_multipliers_multiply_in_creation_order_each_on_the_lines_of_its_scope()
    {
        var member = TestMember.Enrolled(new RulesBuilder()
            .Promotion("double", Multiplier(200, MultiplierStacking.Compound))
            .Promotion("triple-books", Multiplier(300, MultiplierStacking.Compound, "books"))
            .Promotion("half-more", Multiplier(150, MultiplierStacking.Compound))
            .Rules);

        var purchase = member.Buy(new Basket().Line("novel", 1, 1000, "books").Line("pen", 1, 333, "stationery"));

        // novel: 100 -> 200 -> 600 -> 900; pen: 33.3 -> 66.6 -> 99.9, each component rounded down once.
        Assert.Equal("base-rate=133 [100,33]; promotion:double=133 [100,33]; promotion:triple-books=400 [400,0]; promotion:half-more=333 [300,33]",
            Show.Components(purchase.Components));
    }

    [Fact]
    public void A_return_takes_back_the_returned_lines_share_of_a_compounded_bonus()
    {
        var member = TestMember.Enrolled(new RulesBuilder()
            .Promotion("double", Multiplier(200, MultiplierStacking.Add))
            .Promotion("weekend", Multiplier(200, MultiplierStacking.Compound))
            .Rules);
        var purchase = member.Buy(new Basket().Line("novel", 2, 1000, "books").Line("pen", 1, 1000));

        var returned = member.Return(purchase.TransactionId, ("novel", 1));

        Assert.Equal("base-rate=300 [200,100]; promotion:double=300 [200,100]; promotion:weekend=600 [400,200]", Show.Components(purchase.Components));
        Assert.Equal(400L, returned.Points);
    }
    [Fact]
    public void A_delivery_line_earns_nothing_is_in_no_scope_and_does_not_count_towards_a_minimum_basket()
    {
        var rules = new RulesBuilder()
            .Promotion("double", new BonusMultiplierRule(200, ItemScope.AllItems))
            .Promotion("per-line", new FixedBonusRule(0, 10, ItemScope.AllItems))
            .Promotion("bogo", new BuyOneGetOneRule(100, ItemScope.AllItems));
        rules.Do(rules.PromotionRequest("from-31", new SpendThresholdRule(1, 50)) with { MinBasketMinor = 3100 });
        var member = TestMember.Enrolled(rules.Rules);

        var purchase = member.Buy(new Basket().Line("shirt", 1, 3000).Delivery("shipping", 495));

        Assert.Equal("base-rate=300 [300,0]; promotion:double=300 [300,0]; promotion:per-line=10 [10,0]", Show.Components(purchase.Components));
        Assert.Equal([3000L, 0L], purchase.LineQualifyingMinor);
        Assert.Equal([3000L, 495L], purchase.LineNetMinor);
        Assert.Empty(purchase.Discounts);
        Assert.False(purchase.Used("from-31"));
    }

    [Fact]
    public void A_basket_coupon_leaves_delivery_lines_alone_and_a_returned_delivery_line_is_refunded_without_points()
    {
        var rules = new RulesBuilder().Promotion("ten-percent", new CouponRule(0, 10, 0));
        var code = rules.IssueCoupons("ten-percent").Codes[0];
        var member = TestMember.Enrolled(rules.Rules);

        var purchase = member.BuyWith(new Basket().Line("shirt", 1, 3000).Delivery("shipping", 495), rules.Coupon(code));
        var returned = member.Return(purchase.TransactionId, ("shipping", 1));

        Assert.Equal($"ten-percent/{code} shirt x1 -300", Show.Discounts(purchase.Discounts));
        Assert.Equal("base-rate=270 [270,0]", Show.Components(purchase.Components));
        Assert.Equal((495L, 0L), (returned.RefundMinor, returned.Points));
    }
}
