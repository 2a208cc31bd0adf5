using Grpc.Core;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>Issue 11 part 4, finer earning rules, at a real checkout.</summary>
public abstract partial class ProgramRulesCheckoutScenarios
{
    [Fact]
    public async Task Labels_excluded_skus_and_labels_earn_only_and_label_multipliers_shape_what_each_line_earns()
    {
        var program = await ProgramAsync();
        var rules = new EarningRules
        {
            ExcludedSkus = { "tobacco" },
            ExcludedLabels = { "deposit" },
            LabelMultipliers = { ["organic"] = 300, ["fair-trade"] = 150 },
            EarnOnly = new ItemScope { Categories = { "groceries" }, Labels = { "house-brand" } },
        };
        await SetEarningAsync(program, rules);
        await PromotionAsync(program, "acme-double", "Double on Acme", p =>
            p.Multiplier = new MultiplierRule { MultiplierPercent = 200, Scope = new ItemScope { Labels = { "brand-acme" } } });
        var member = await EnrollAsync(silo, program);

        var purchase = await BuyAsync(Basket(program, member,
            Labelled("apples", "groceries", 1, 1000, "organic", "fair-trade"), // 10.00 x 300% (the larger label multiplier)
            Labelled("acme-soap", "household", 1, 1000, "house-brand", "brand-acme"), // earn-only by label, doubled by the promotion
            Labelled("bottle", "groceries", 1, 500, "deposit"),       // excluded label
            Line("tobacco", "groceries", 1, 2000),                     // excluded sku
            Labelled("tv", "electronics", 1, 10000, "brand-acme")));  // outside earn-only: nothing, not even the promotion
        var shown = (await silo.Programs.GetProgramAsync(new GetProgramRequest { ProgramId = program })).Rules.EarningRules;
        var refused = await RefusedAsync(silo.Checkout.RecordPurchaseAsync(Basket(program, member, Labelled("hat", "apparel", 1, 100, "red", "red"))));

        Assert.Equal(
            [
                Points("base-rate", 400, "400 points at 10 per EUR on 2000 minor units of qualifying spend"),
                Points("promotion:acme-double", 100, "100 bonus points: Double on Acme (200%)", "acme-double"),
            ],
            purchase.Breakdown);
        Assert.Equal(2000, purchase.QualifyingMinor);
        Assert.Equal(rules.ExcludedSkus, shown.ExcludedSkus);
        Assert.Equal(rules.ExcludedLabels, shown.ExcludedLabels);
        Assert.Equal(rules.LabelMultipliers, shown.LabelMultipliers);
        Assert.Equal(rules.EarnOnly, shown.EarnOnly);
        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST", "lines[0].labels[1]"), (refused.Code, refused.Reason, string.Join(' ', refused.Fields)));
    }

    private static PurchaseLine Labelled(string sku, string category, long quantity, long unitPriceMinor, params string[] labels) =>
        new() { Sku = sku, Category = category, Quantity = quantity, UnitPriceMinor = unitPriceMinor, Labels = { labels } };
}
