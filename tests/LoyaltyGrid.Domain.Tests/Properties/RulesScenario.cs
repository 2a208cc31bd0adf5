using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.Properties;

/// <summary>
/// A program with every kind of rule but coupons, and a history on one member of it. Skus sku-0 … sku-5 fall in
/// categories cat-0 … cat-3 (sku-i in cat-(i mod 4)); cat-3 is excluded from earning.
/// </summary>
public sealed record RulesScenario(
    long PointsPerCurrencyUnit,
    bool AllowNegativeBalance,
    bool Pending,
    ExpiryKind Expiry,
    int ExpiryMonths,
    TierMetric Metric,
    long MinQualifyingSpendMinor,
    IReadOnlyList<RulesOperation> Operations)
{
    public static readonly DateTimeOffset PromotionsEnd = TestClock.Start.AddYears(30);

    /// <summary>Promotions that track something per member, for the purchase-and-full-return property.</summary>
    public static readonly string[] PromotionIds = ["double", "big-basket", "card", "bogo", "welcome", "regular", "loyal"];

    public RulesBuilder Program(TimeSpan? returnHorizon = null)
    {
        var points = Metric == TierMetric.PointsEarned;
        var program = new RulesBuilder(pointsPerCurrencyUnit: PointsPerCurrencyUnit, allowNegativeBalance: AllowNegativeBalance,
            returnHorizon: returnHorizon)
            .Earning(new EarningRules
            {
                CategoryMultiplierPercents = new Dictionary<string, long> { ["cat-1"] = 150 },
                SkuMultiplierPercents = new Dictionary<string, long> { ["sku-5"] = 50 },
                ExcludedCategories = ["cat-3"],
                LabelMultiplierPercents = new Dictionary<string, long> { ["lbl-a"] = 250 },
                MinQualifyingSpendMinor = MinQualifyingSpendMinor,
                PendingPeriod = Pending ? TimeSpan.FromDays(14) : TimeSpan.Zero,
            })
            .TierPolicy(Metric, windowMonths: 3, reviewMonths: 3, graceDays: 5)
            .Tier("silver", points ? 300 : 5_000, 150)
            .Tier("gold", points ? 1_500 : 20_000, 200)
            .Promotion("double", new BonusMultiplierRule(200, new ItemScope(["cat-0"], [])), endsAt: PromotionsEnd)
            .Promotion("big-basket", new SpendThresholdRule(3_000, 40), endsAt: PromotionsEnd)
            .Promotion("card", new PunchCardRule(3, new ItemScope([], ["sku-0", "sku-1"])), endsAt: PromotionsEnd)
            .Promotion("bogo", new BuyOneGetOneRule(50, new ItemScope(["cat-2"], [])), endsAt: PromotionsEnd)
            .Promotion("welcome", new FirstPurchaseRule(25), endsAt: PromotionsEnd)
            .Promotion("regular", new RepeatPurchaseRule(3, 30, 15), endsAt: PromotionsEnd)
            .Promotion("loyal", new CumulativeSpendRule(20_000, 100), endsAt: PromotionsEnd)
            .Promotion("per-unit", new FixedBonusRule(5, 0, new ItemScope([], []) { Labels = ["lbl-b"] }), endsAt: PromotionsEnd)
            .Promotion("per-line", new FixedBonusRule(0, 7, new ItemScope([], ["sku-2"])), endsAt: PromotionsEnd)
            .Promotion("come-back", new BounceBackRule(3_000, 10, 0, 20), endsAt: PromotionsEnd)
            .Promotion("compound", new BonusMultiplierRule(150, new ItemScope([], []) { Labels = ["lbl-a"] }) { Stacking = MultiplierStacking.Compound },
                endsAt: PromotionsEnd);
        program.Do(program.PromotionRequest("min-basket", new SpendThresholdRule(1, 20), endsAt: PromotionsEnd) with
        {
            MinBasketMinor = 2_000,
            Locations = [new PromotionLocation("merchant-1", null)],
        });
        if (Expiry != ExpiryKind.Never)
        {
            program.Expiry(Expiry, ExpiryMonths);
        }
        return program;
    }

    public override string ToString() =>
        $"x{PointsPerCurrencyUnit}, negative balances {(AllowNegativeBalance ? "on" : "off")}, pending {(Pending ? "14d" : "none")}, " +
        $"expiry {Expiry} {ExpiryMonths}m, tiers by {Metric}, min spend {MinQualifyingSpendMinor}:{Environment.NewLine}  " +
        string.Join(Environment.NewLine + "  ", Operations);
}
