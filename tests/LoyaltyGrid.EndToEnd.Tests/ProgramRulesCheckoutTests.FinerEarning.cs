using Google.Protobuf.WellKnownTypes;
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

    [Fact]
    public async Task A_promotion_limited_to_stores_with_a_minimum_basket_applies_only_there_and_from_that_basket()
    {
        var program = await ProgramAsync();
        var created = await PromotionAsync(program, "city-centre", "City centre bonus", p =>
        {
            p.SpendThreshold = new SpendThresholdRule { MinSpendMinor = 1, BonusPoints = 70 };
            p.Locations.Add(new PromotionLocation { MerchantId = "merchant-1", StoreId = "store-1" });
            p.Locations.Add(new PromotionLocation { MerchantId = "merchant-2" });
            p.MinBasketMinor = 3000;
        });
        var member = await EnrollAsync(silo, program);

        var here = await BuyAsync(Basket(program, member, Line("shirt", "apparel", 1, 3000)));
        var small = await BuyAsync(Basket(program, member, Line("sock", "apparel", 1, 2999)));
        var otherStore = await BuyAsync(With(Basket(program, member, Line("shirt", "apparel", 1, 3000)), r => r.StoreId = "store-2"));
        var anyStoreOfMerchant2 = await BuyAsync(With(Basket(program, member, Line("shirt", "apparel", 1, 3000)), r =>
        {
            r.MerchantId = "merchant-2";
            r.StoreId = "harbour";
        }));
        var listed = (await silo.Programs.ListPromotionsAsync(new ListPromotionsRequest { ProgramId = program })).Promotions.Single();
        var refused = await RefusedAsync(silo.Programs.CreatePromotionAsync(new CreatePromotionRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            PromotionId = "bad",
            Name = "Bad",
            FirstPurchase = new FirstPurchaseRule { BonusPoints = 10 },
            StartsAt = Timestamp.FromDateTime(DateTime.UtcNow),
            EndsAt = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(1)),
            Locations = { new PromotionLocation { StoreId = "store-1" } },
            MinBasketMinor = -5,
        }));

        Assert.Equal(
            [["base-rate", "promotion:city-centre"], ["base-rate"], ["base-rate"], ["base-rate", "promotion:city-centre"]],
            new[] { here, small, otherStore, anyStoreOfMerchant2 }.Select(p => p.Breakdown.Select(b => b.Rule).ToArray()));
        Assert.Equal(created, listed);
        Assert.Equal((3000L, 2), (listed.MinBasketMinor, listed.Locations.Count));
        Assert.Equal((StatusCode.InvalidArgument, "locations[0].merchant_id min_basket_minor"), (refused.Code, string.Join(' ', refused.Fields)));
    }

    [Fact]
    public async Task A_fixed_bonus_per_unit_or_per_line_of_skus_categories_or_labels_and_a_return_takes_back_the_returned_share()
    {
        var program = await ProgramAsync();
        await PromotionAsync(program, "per-bottle", "50 per bottle", p =>
            p.FixedBonus = new FixedBonusRule { PointsPerUnit = 50, Scope = new ItemScope { Categories = { "wine" } } });
        var perLine = await PromotionAsync(program, "spring", "100 per spring line", p =>
            p.FixedBonus = new FixedBonusRule { PointsPerLine = 100, Scope = new ItemScope { Labels = { "spring-range" }, Skus = { "scarf" } } });
        var member = await EnrollAsync(silo, program);

        var purchase = await BuyAsync(Basket(program, member,
            Line("red", "wine", 3, 1000),
            Labelled("dress", "apparel", 2, 1000, "spring-range"),
            Line("scarf", "apparel", 1, 1000),
            Line("bread", "bakery", 1, 1000)));
        var returned = await ReturnAsync(program, member, purchase.TransactionId, ("red", 1), ("dress", 2));
        var refused = await RefusedAsync(silo.Programs.CreatePromotionAsync(new CreatePromotionRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            PromotionId = "both",
            Name = "Both",
            FixedBonus = new FixedBonusRule { PointsPerUnit = 1, PointsPerLine = 1 },
            StartsAt = Timestamp.FromDateTime(DateTime.UtcNow),
            EndsAt = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(1)),
        }));

        Assert.Equal(
            [
                Points("base-rate", 700, "700 points at 10 per EUR on 7000 minor units of qualifying spend"),
                Points("promotion:per-bottle", 150, "150 bonus points: 50 per bottle (50 per unit, 3 units)", "per-bottle"),
                Points("promotion:spring", 200, "200 bonus points: 100 per spring line (100 per line, 2 lines)", "spring"),
            ],
            purchase.Breakdown);
        Assert.Equal(1050, purchase.PointsEarned);
        // One bottle: 100 base + 50; the whole dress line: 200 base + 100.
        Assert.Equal(450, returned.PointsReversed);
        Assert.Equal(new FixedBonusRule { PointsPerLine = 100, Scope = new ItemScope { Labels = { "spring-range" }, Skus = { "scarf" } } }, perLine.FixedBonus);
        Assert.Equal((StatusCode.InvalidArgument, "fixed_bonus"), (refused.Code, string.Join(' ', refused.Fields)));
    }

    [Fact]
    public async Task Multipliers_on_one_line_add_up_or_compound_as_each_promotion_says()
    {
        var program = await ProgramAsync();
        await TierAsync(program, "gold", 0, 150);
        await PromotionAsync(program, "double", "Double", p => p.Multiplier = new MultiplierRule { MultiplierPercent = 200 });
        var weekend = await PromotionAsync(program, "weekend", "Weekend", p =>
            p.Multiplier = new MultiplierRule { MultiplierPercent = 200, Stacking = MultiplierStacking.Compound });
        await PromotionAsync(program, "triple", "Triple", p =>
            p.Multiplier = new MultiplierRule { MultiplierPercent = 300, Stacking = MultiplierStacking.Add });
        var member = await EnrollAsync(silo, program);

        var purchase = await BuyAsync(Basket(program, member, Line("book", "books", 1, 1000)));
        var refused = await RefusedAsync(silo.Programs.CreatePromotionAsync(new CreatePromotionRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            PromotionId = "odd",
            Name = "Odd",
            Multiplier = new MultiplierRule { MultiplierPercent = 200, Stacking = (MultiplierStacking)7 },
            StartsAt = Timestamp.FromDateTime(DateTime.UtcNow),
            EndsAt = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(1)),
        }));

        // 100 base + 50 gold + 100 double + 200 triple = 450; weekend doubles all of it.
        Assert.Equal(
            [
                Points("base-rate", 100, "100 points at 10 per EUR on 1000 minor units of qualifying spend"),
                Points("tier:gold", 50, "50 bonus points for tier Gold (150%)"),
                Points("promotion:double", 100, "100 bonus points: Double (200%)", "double"),
                Points("promotion:triple", 200, "200 bonus points: Triple (300%)", "triple"),
                Points("promotion:weekend", 450, "450 bonus points: Weekend (200%, compounded)", "weekend"),
            ],
            purchase.Breakdown);
        Assert.Equal(900, purchase.PointsEarned);
        Assert.Equal(MultiplierStacking.Compound, weekend.Multiplier.Stacking);
        Assert.Equal((StatusCode.InvalidArgument, "multiplier.stacking"), (refused.Code, string.Join(' ', refused.Fields)));
    }

    [Fact]
    public async Task A_delivery_line_is_paid_and_refunded_but_earns_nothing_and_no_offer_applies_to_it()
    {
        var program = await ProgramAsync();
        await PromotionAsync(program, "double", "Double", p => p.Multiplier = new MultiplierRule { MultiplierPercent = 200 });
        await PromotionAsync(program, "from-31", "From 31", p =>
        {
            p.SpendThreshold = new SpendThresholdRule { MinSpendMinor = 1, BonusPoints = 50 };
            p.MinBasketMinor = 3100;
        });
        await PromotionAsync(program, "ten-percent", "Ten percent", p => p.Coupon = new CouponRule { DiscountPercent = 10 });
        var code = (await IssueAsync(program, "ten-percent", 1))[0];
        var member = await EnrollAsync(silo, program);
        var shipping = new PurchaseLine { Sku = "shipping", Category = "services", Quantity = 1, UnitPriceMinor = 495, Delivery = true };

        var purchase = await BuyAsync(With(Basket(program, member, Line("shirt", "apparel", 1, 3000), shipping), r => r.CouponCodes.Add(code)));
        var returned = await ReturnAsync(program, member, purchase.TransactionId, ("shipping", 1));

        Assert.Equal(
            [
                Points("base-rate", 270, "270 points at 10 per EUR on 2700 minor units of qualifying spend"),
                Points("promotion:double", 270, "270 bonus points: Double (200%)", "double"),
            ],
            purchase.Breakdown);
        Assert.Equal((3495L, 300L, 2700L), (purchase.TotalMinor, purchase.DiscountTotalMinor, purchase.QualifyingMinor));
        Assert.Equal(["shirt"], purchase.Discounts.Select(d => d.Sku));
        Assert.Equal((495L, 0L), (returned.RefundMinor, returned.PointsReversed));
    }

    [Fact]
    public async Task A_bounce_back_coupon_is_issued_listed_on_the_member_used_once_at_a_later_visit_and_voided_by_a_return()
    {
        var program = await ProgramAsync();
        var created = await PromotionAsync(program, "come-back", "10% off next time", p =>
            p.BounceBack = new BounceBackRule { MinSpendMinor = 10_000, DiscountPercent = 10, ValidDays = 30 });
        var member = await EnrollAsync(silo, program);

        var earning = Basket(program, member, Line("coat", "apparel", 1, 10_000));
        var earned = await BuyAsync(earning);
        var retried = await BuyAsync(earning);
        var coupon = Assert.Single(earned.BounceBackCoupons);
        var listed = (await MemberAsync(program, member)).BounceBackCoupons;
        var preview = await silo.Checkout.PreviewPurchaseAsync(With(Basket(program, member, Line("scarf", "apparel", 1, 2_000)), r => r.CouponCodes.Add(coupon.Code)));
        var used = await BuyAsync(With(Basket(program, member, Line("scarf", "apparel", 1, 2_000)), r => r.CouponCodes.Add(coupon.Code)));
        var again = await BuyAsync(With(Basket(program, member, Line("hat", "apparel", 1, 2_000)), r => r.CouponCodes.Add(coupon.Code)));
        var afterUse = (await MemberAsync(program, member)).BounceBackCoupons;
        // A second coupon, voided when its purchase comes back.
        var second = await BuyAsync(Basket(program, member, Line("boots", "apparel", 2, 6_000)));
        await ReturnAsync(program, member, second.TransactionId, ("boots", 1));
        var afterReturn = (await MemberAsync(program, member)).BounceBackCoupons;

        Assert.Equal(new BounceBackRule { MinSpendMinor = 10_000, DiscountPercent = 10, ValidDays = 30 }, created.BounceBack);
        Assert.Matches("^BB-([2-9A-HJKMNP-Z]{4}-){3}[2-9A-HJKMNP-Z]{4}$", coupon.Code);
        Assert.Equal(new BounceBackCoupon
        {
            Code = coupon.Code,
            PromotionId = "come-back",
            TransactionId = earned.TransactionId,
            DiscountPercent = 10,
            ValidFrom = earning.OccurredAt,
            ValidUntil = Timestamp.FromDateTimeOffset(earning.OccurredAt.ToDateTimeOffset().AddDays(30)),
        }, coupon);
        Assert.Equal(earned, retried);
        Assert.Equal([coupon], listed);
        Assert.Equal(("", true, 200L), (preview.BounceBackCoupons.Count == 0 ? "" : "?", preview.Coupons.Single().Accepted, preview.DiscountTotalMinor));
        Assert.Equal(new CouponResult { Code = coupon.Code, Accepted = true, PromotionId = "come-back", DiscountMinor = 200 }, used.Coupons.Single());
        Assert.Equal((200L, 180L), (used.DiscountTotalMinor, used.PointsEarned));
        Assert.Equal(("COUPON_NOT_FOUND", 0L), (again.Coupons.Single().Reason, again.DiscountTotalMinor));
        Assert.Empty(afterUse);
        Assert.Single(second.BounceBackCoupons);
        Assert.Empty(afterReturn);
    }

    private static PurchaseLine Labelled(string sku, string category, long quantity, long unitPriceMinor, params string[] labels) =>
        new() { Sku = sku, Category = category, Quantity = quantity, UnitPriceMinor = unitPriceMinor, Labels = { labels } };
}
