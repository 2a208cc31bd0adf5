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
}
