using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.LoadGen;

/// <summary>
/// The rules <c>--rules</c> gives the bench program: 4 tiers, earning rules and 20 promotions of every kind but
/// coupons, all active for the whole run, so that every purchase evaluates all 20 and a typical one gets several.
/// They use the finer rules too: a label multiplier, an excluded sku and label, a compounding multiplier, a
/// promotion on labels, one limited to half the stores, one with a minimum basket, a fixed bonus per unit, and a
/// bounce-back coupon; baskets then carry a brand label per line and, one in four, a delivery line.
/// </summary>
/// <remarks>
/// A basket is 3 consecutive catalog items, so it holds 3 consecutive categories (item i is in cat-(i mod 10)):
/// each category is in 30% of baskets and the category scopes below are chosen so most baskets hit one or two.
/// A basket costs about 150 EUR, most of it qualifying spend, so with 10,000 members and a few thousand purchases per
/// second members climb through the tiers during the run (a 30 s run gives each member 10-25 purchases).
/// Every timestamp is fixed, not "now": a second setup sends the very same requests, which the server answers as
/// retries.
/// </remarks>
internal static class BenchRules
{
    private const string Silver = "silver";
    private const string Gold = "gold";
    private const string Platinum = "platinum";

    private static readonly Timestamp s_started = Timestamp.FromDateTime(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
    private static readonly Timestamp s_ends = Timestamp.FromDateTime(new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    // Opens to everyone only in 2099; gold and platinum members have had early access since s_started.
    private static readonly Timestamp s_opensToAll = Timestamp.FromDateTime(new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    /// <summary>Thresholds in qualifying spend (minor units): silver after ~2 purchases, gold ~8, platinum ~16.</summary>
    public static IReadOnlyList<Tier> Tiers { get; } =
    [
        new Tier { TierId = "bronze", Name = "Bronze", Threshold = 0, EarnMultiplierPercent = 100, Benefits = { "member-prices" } },
        new Tier { TierId = Silver, Name = "Silver", Threshold = 25_000, EarnMultiplierPercent = 125, Benefits = { "member-prices", "free-shipping" } },
        new Tier { TierId = Gold, Name = "Gold", Threshold = 100_000, EarnMultiplierPercent = 150, Benefits = { "member-prices", "free-shipping", "priority-service" } },
        new Tier { TierId = Platinum, Name = "Platinum", Threshold = 200_000, EarnMultiplierPercent = 200, Benefits = { "member-prices", "free-shipping", "priority-service", "lounge-access" } },
    ];

    public static TierPolicy TierPolicy { get; } = new()
    {
        Metric = TierMetric.QualifyingSpend,
        WindowMonths = 12,
        ReviewMonths = 12,
        GraceDays = 30,
    };

    /// <summary>
    /// Two category, two sku and one label multipliers; cat-9 (say, gift cards), one sku and the brand-6 label earn
    /// nothing.
    /// </summary>
    public static EarningRules EarningRules { get; } = new()
    {
        CategoryMultipliers = { ["cat-1"] = 150, ["cat-2"] = 200 },
        SkuMultipliers = { [Bench.Sku(7)] = 300, [Bench.Sku(500)] = 50 },
        LabelMultipliers = { ["brand-3"] = 125 },
        ExcludedCategories = { "cat-9" },
        ExcludedSkus = { Bench.Sku(13) },
        ExcludedLabels = { "brand-6" },
        MinQualifyingSpendMinor = 500,
    };

    /// <summary>Every 10th catalog item: 100 skus, in about 30% of baskets.</summary>
    private static IEnumerable<string> FeaturedSkus => Enumerable.Range(0, 100).Select(i => Bench.Sku(i * 10));

    /// <summary>Items 5, 25, 45, …: 50 skus for a punch card.</summary>
    private static IEnumerable<string> CoffeeSkus => Enumerable.Range(0, 50).Select(i => Bench.Sku(5 + (i * 20)));

    /// <summary>The 20 promotions for <paramref name="programId"/>, in creation order, request ids included.</summary>
    public static IReadOnlyList<CreatePromotionRequest> Promotions(string programId)
    {
        var promotions = new List<CreatePromotionRequest>
        {
            // Multipliers on what baskets contain.
            Promotion("double-cat-1-3", "Double points on cat-1 and cat-3", p => p.Multiplier = Multiplier(200, Categories("cat-1", "cat-3"))),
            Promotion("x1.5-cat-5-6", "1.5x on cat-5 and cat-6, compounding", p =>
            {
                p.Multiplier = Multiplier(150, Categories("cat-5", "cat-6"));
                p.Multiplier.Stacking = MultiplierStacking.Compound;
                p.UsageLimitPerMember = 20;
            }),
            Promotion("triple-featured", "Triple points on featured items", p => p.Multiplier = Multiplier(300, Skus(FeaturedSkus))),
            Promotion("gold-x1.25", "Gold and platinum: 1.25x on everything", p =>
            {
                p.Multiplier = Multiplier(125, null);
                p.Target = ForTiers(Gold, Platinum);
            }),
            Promotion("silver-brand-1", "Silver: 1.5x on brand-1", p =>
            {
                p.Multiplier = Multiplier(150, new ItemScope { Labels = { "brand-1" } });
                p.Target = ForTiers(Silver);
            }),
            Promotion("welcome-double", "Welcome: double points on a first purchase", p =>
            {
                p.Multiplier = Multiplier(200, null);
                p.Target = new PromotionTarget { Kind = TargetKind.FirstTimeCustomers };
            }),
            Promotion("preview-cat-2-8", "Preview: double on cat-2 and cat-8, early for gold and up", p =>
            {
                p.Multiplier = Multiplier(200, Categories("cat-2", "cat-8"));
                p.StartsAt = s_opensToAll;
                p.EarlyAccess = new EarlyAccess { MinTierId = Gold, StartsAt = s_started };
            }),

            // Fixed bonuses.
            Promotion("spend-50", "100 points from 50 EUR in stores 0-3", p =>
            {
                p.SpendThreshold = new SpendThresholdRule { MinSpendMinor = 5_000, BonusPoints = 100 };
                p.Locations.Add(Enumerable.Range(0, Bench.Stores / 2).Select(i => new PromotionLocation { MerchantId = Bench.MerchantId, StoreId = $"store-{i}" }));
            }),
            Promotion("platinum-cat-3-units", "Platinum: 20 points per unit of cat-3 in a basket of 100 EUR, 10 times", p =>
            {
                p.FixedBonus = new FixedBonusRule { PointsPerUnit = 20, Scope = Categories("cat-3") };
                p.MinBasketMinor = 10_000;
                p.Target = ForTiers(Platinum);
                p.UsageLimitPerMember = 10;
            }),
            Promotion("come-back", "We missed you: 250 points after 30 days away", p =>
            {
                p.SpendThreshold = new SpendThresholdRule { MinSpendMinor = 1, BonusPoints = 250 };
                p.Target = new PromotionTarget { Kind = TargetKind.Lapsed, LapsedDays = 30 };
            }),
            Promotion("bounce-back-250", "Spend 250 EUR, get 10% off next time", p =>
                p.BounceBack = new BounceBackRule { MinSpendMinor = 25_000, DiscountPercent = 10, ValidDays = 30 }),
            Promotion("first-purchase", "500 points on the first purchase", p => p.FirstPurchase = new FirstPurchaseRule { BonusPoints = 500 }),
            Promotion("third-in-30", "200 points every 3rd purchase in 30 days", p =>
                p.RepeatPurchase = new RepeatPurchaseRule { Purchases = 3, WindowDays = 30, BonusPoints = 200 }),
            Promotion("fifth-in-7", "Silver and up: 300 points every 5th purchase in 7 days", p =>
            {
                p.RepeatPurchase = new RepeatPurchaseRule { Purchases = 5, WindowDays = 7, BonusPoints = 300 };
                p.Target = ForTiers(Silver, Gold, Platinum);
            }),
            Promotion("spent-500", "1000 points once 500 EUR are spent", p =>
                p.CumulativeSpend = new CumulativeSpendRule { ThresholdMinor = 50_000, BonusPoints = 1_000 }),
            Promotion("spent-2000", "5000 points once 2000 EUR are spent", p =>
                p.CumulativeSpend = new CumulativeSpendRule { ThresholdMinor = 200_000, BonusPoints = 5_000 }),

            // Item offers (discount lines).
            Promotion("coffee-card", "Coffee card: every 6th free", p => p.PunchCard = new PunchCardRule { Required = 5, Scope = Skus(CoffeeSkus) }),
            Promotion("cat-4-card", "cat-4 card: every 10th free", p => p.PunchCard = new PunchCardRule { Required = 9, Scope = Categories("cat-4") }),
            Promotion("bogo-cat-7", "cat-7: second at half price", p => p.BuyOneGetOne = new BuyOneGetOneRule { PercentOff = 50, Scope = Categories("cat-7") }),
            Promotion("bogo-cat-8", "cat-8: second free, 3 times", p =>
            {
                p.BuyOneGetOne = new BuyOneGetOneRule { PercentOff = 100, Scope = Categories("cat-8") };
                p.UsageLimitPerMember = 3;
            }),
        };

        foreach (var promotion in promotions)
        {
            promotion.RequestId = $"setup-{programId}-promotion-{promotion.PromotionId}";
            promotion.ProgramId = programId;
        }

        return promotions;
    }

    private static CreatePromotionRequest Promotion(string id, string name, Action<CreatePromotionRequest> rule)
    {
        var request = new CreatePromotionRequest { PromotionId = id, Name = name, StartsAt = s_started, EndsAt = s_ends };
        rule(request);
        return request;
    }

    private static MultiplierRule Multiplier(long percent, ItemScope? scope) =>
        scope is null ? new MultiplierRule { MultiplierPercent = percent } : new MultiplierRule { MultiplierPercent = percent, Scope = scope };

    private static ItemScope Categories(params string[] categories) => new() { Categories = { categories } };

    private static ItemScope Skus(IEnumerable<string> skus) => new() { Skus = { skus } };

    private static PromotionTarget ForTiers(params string[] tierIds) => new() { Kind = TargetKind.Tiers, TierIds = { tierIds } };
}
