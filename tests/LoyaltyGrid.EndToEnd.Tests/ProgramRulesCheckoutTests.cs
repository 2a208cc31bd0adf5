using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>
/// Every program rule at a real checkout: an admin sets it up over gRPC, a terminal buys and returns over gRPC, and
/// the answers and the statement show what the rule did. The silo's clock is real, so rules that take time use
/// seconds (a promotion that starts in a few seconds, a two-second return window) or back-dated offline uploads
/// (occurred_at up to the program's offline window in the past); what takes months (tier reviews) is covered by
/// the grain tests with a fake clock.
/// </summary>
public abstract partial class ProgramRulesCheckoutScenarios(SiloFixture silo)
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Earning_rules_scale_lines_by_sku_then_category_skip_excluded_categories_use_the_location_rate_and_need_the_minimum()
    {
        var program = await ProgramAsync();
        await SetEarningAsync(program, new EarningRules
        {
            CategoryMultipliers = { ["books"] = 200, ["electronics"] = 50 },
            SkuMultipliers = { ["cable"] = 300 },
            ExcludedCategories = { "gift-cards" },
            LocationRates =
            {
                new LocationRate { MerchantId = "merchant-1", PointsPerCurrencyUnit = 5 },
                new LocationRate { MerchantId = "merchant-1", StoreId = "airport", PointsPerCurrencyUnit = 20 },
            },
            MinQualifyingSpendMinor = 500,
        });
        var member = await EnrollAsync(silo, program);
        PurchaseLine[] basket =
        [
            Line("novel", "books", 1, 1000),        // 10.00 x 200%
            Line("tv", "electronics", 1, 10000),    // 100.00 x 50%
            Line("cable", "electronics", 1, 999),   // the sku's 300% wins over its category's 50%
            Line("voucher", "gift-cards", 1, 5000), // excluded: earns nothing, not qualifying spend
        ];

        // Merchant rate 5: (10.00 x 2 + 100.00 x 0.5 + 9.99 x 3) x 5 = 499.85, rounded down once.
        var merchant = await BuyAsync(Basket(program, member, basket));
        var airport = await BuyAsync(With(Basket(program, member, basket), r => r.StoreId = "airport"));
        var elsewhere = await BuyAsync(With(Basket(program, member, basket), r => r.MerchantId = "merchant-2"));
        var belowMinimum = await BuyAsync(Basket(program, member, Line("voucher", "gift-cards", 1, 5000), Line("pen", "general", 1, 499)));

        Assert.Equal(new RecordPurchaseResponse
        {
            TransactionId = merchant.TransactionId,
            PointsEarned = 499,
            Balance = new Balance { Available = 499, LifetimeEarned = 499 },
            TotalMinor = 16999,
            Currency = "EUR",
            Breakdown = { Points("base-rate", 499, "499 points at 5 per EUR on 11999 minor units of qualifying spend") },
            QualifyingMinor = 11999,
        }, merchant);
        Assert.Equal([Points("base-rate", 1999, "1999 points at 20 per EUR on 11999 minor units of qualifying spend")], airport.Breakdown);
        Assert.Equal([Points("base-rate", 999, "999 points at 10 per EUR on 11999 minor units of qualifying spend")], elsewhere.Breakdown);
        Assert.Equal(new RecordPurchaseResponse
        {
            TransactionId = belowMinimum.TransactionId,
            PointsEarned = 0,
            Balance = new Balance { Available = 3497, LifetimeEarned = 3497 },
            TotalMinor = 5499,
            Currency = "EUR",
            QualifyingMinor = 499,
        }, belowMinimum);
        Assert.NotEqual("", belowMinimum.TransactionId);
    }

    [Fact]
    public async Task Pending_points_become_available_by_themselves_when_the_return_window_has_passed()
    {
        var program = await ProgramAsync();
        await SetEarningAsync(program, new EarningRules { PendingPeriod = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)) });
        var member = await EnrollAsync(silo, program);
        var request = Basket(program, member, Line("shirt", "apparel", 1, 1000));

        var purchase = await BuyAsync(request);
        var available = await EventuallyAsync(() => MemberAsync(program, member), m => m.Balance.Available == 100);
        var ledger = await LedgerAsync(silo, program, member);

        Assert.Equal(new RecordPurchaseResponse
        {
            TransactionId = purchase.TransactionId,
            PointsEarned = 100,
            Balance = new Balance { Pending = 100, LifetimeEarned = 100 },
            TotalMinor = 1000,
            Currency = "EUR",
            Breakdown = { Points("base-rate", 100, "100 points at 10 per EUR on 1000 minor units of qualifying spend") },
            QualifyingMinor = 1000,
            PendingUntil = Timestamp.FromDateTimeOffset(request.OccurredAt.ToDateTimeOffset().AddSeconds(2)),
        }, purchase);
        Assert.Equal(new Balance { Available = 100, LifetimeEarned = 100 }, available.Balance);
        Assert.Equal(
            [
                (LedgerEntryType.Maturity, 0L, 100L, -100L, "pending-release", purchase.TransactionId),
                (LedgerEntryType.Purchase, 100L, 0L, 100L, "base-rate", purchase.TransactionId),
            ],
            ledger.Select(e => (e.Type, e.Points, e.AvailableDelta, e.PendingDelta, e.Rule, e.TransactionId)));
        Assert.Equal(purchase.PendingUntil, ledger[0].OccurredAt);
    }

    [Fact]
    public async Task An_offline_upload_whose_return_window_has_already_passed_is_available_at_once()
    {
        var program = await ProgramAsync();
        await SetEarningAsync(program, new EarningRules { PendingPeriod = Duration.FromTimeSpan(TimeSpan.FromDays(1)) });
        var member = await EnrollAsync(silo, program);

        var inWindow = await BuyAsync(With(Basket(program, member, Line("shirt", "apparel", 1, 1000)), r => r.OccurredAt = Ago(TimeSpan.FromHours(23))));
        var pastWindow = await BuyAsync(With(Basket(program, member, Line("shirt", "apparel", 1, 1000)), r => r.OccurredAt = Ago(TimeSpan.FromHours(25))));

        Assert.NotNull(inWindow.PendingUntil);
        Assert.Null(pastWindow.PendingUntil);
        Assert.Equal(new Balance { Available = 100, Pending = 100, LifetimeEarned = 200 }, pastWindow.Balance);
    }

    [Fact]
    public async Task A_return_inside_the_return_window_cancels_pending_points()
    {
        var program = await ProgramAsync();
        await SetEarningAsync(program, new EarningRules { PendingPeriod = Duration.FromTimeSpan(TimeSpan.FromDays(1)) });
        var member = await EnrollAsync(silo, program);
        var purchase = await BuyAsync(Basket(program, member, Line("shirt", "apparel", 2, 1000), Line("socks", "apparel", 1, 500)));

        var ret = await ReturnAsync(program, member, purchase.TransactionId, ("shirt", 1));

        Assert.Equal(new Balance { Pending = 250, LifetimeEarned = 250 }, purchase.Balance);
        Assert.Equal(new RecordReturnResponse
        {
            ReturnId = ret.ReturnId,
            PointsReversed = 100,
            PointsPendingCancelled = 100,
            Balance = new Balance { Pending = 150, LifetimeEarned = 250, LifetimeReversed = 100 },
            RefundMinor = 1000,
            Reversed = { Points("base-rate", 100, "100 points of base-rate reversed") },
        }, ret);
        var ledger = await LedgerAsync(silo, program, member);
        Assert.Equal((LedgerEntryType.Return, -100L, 0L, -100L), (ledger[0].Type, ledger[0].Points, ledger[0].AvailableDelta, ledger[0].PendingDelta));
    }

    [Fact]
    public async Task A_purchase_that_crosses_a_threshold_upgrades_at_once_and_the_next_purchase_earns_the_tier_bonus()
    {
        var program = await ProgramAsync();
        var silver = await TierAsync(program, "silver", 10_000, 100, "priority-service");
        var gold = await TierAsync(program, "gold", 50_000, 150, "free-shipping", "priority-service");
        var member = await EnrollAsync(silo, program);

        var before = await MemberAsync(program, member);
        var upgrade = await BuyAsync(Basket(program, member, Line("tv", "electronics", 1, 60_000)));
        var after = await MemberAsync(program, member);
        var next = await BuyAsync(Basket(program, member, Line("cable", "electronics", 1, 1000)));
        var ledger = await LedgerAsync(silo, program, member);

        Assert.Equal(((MemberTier?)null, 0L, AsMemberTier(silver), 10_000L), (before.Tier, before.TierMetric, before.NextTier, before.NextTierNeeds));
        // The purchase that earns the tier is priced at the tier the member had: its bonus starts with the next one.
        Assert.Equal(new RecordPurchaseResponse
        {
            TransactionId = upgrade.TransactionId,
            PointsEarned = 6000,
            Balance = new Balance { Available = 6000, LifetimeEarned = 6000 },
            TotalMinor = 60_000,
            Currency = "EUR",
            Breakdown = { Points("base-rate", 6000, "6000 points at 10 per EUR on 60000 minor units of qualifying spend") },
            QualifyingMinor = 60_000,
            Tier = AsMemberTier(gold),
        }, upgrade);
        Assert.Equal((AsMemberTier(gold), 60_000L, (MemberTier?)null, 0L), (after.Tier, after.TierMetric, after.NextTier, after.NextTierNeeds));
        Assert.Equal(after.TierSince.ToDateTime().AddMonths(12), after.TierReviewAt.ToDateTime());
        Assert.Equal(new RecordPurchaseResponse
        {
            TransactionId = next.TransactionId,
            PointsEarned = 150,
            Balance = new Balance { Available = 6150, LifetimeEarned = 6150 },
            TotalMinor = 1000,
            Currency = "EUR",
            Breakdown =
            {
                Points("base-rate", 100, "100 points at 10 per EUR on 1000 minor units of qualifying spend"),
                Points("tier:gold", 50, "50 bonus points for tier Gold (150%)"),
            },
            QualifyingMinor = 1000,
            Tier = AsMemberTier(gold),
        }, next);
        Assert.Equal(
            [
                (LedgerEntryType.Purchase, 100L, "base-rate"),
                (LedgerEntryType.Purchase, 50L, "tier:gold"),
                (LedgerEntryType.TierChange, 0L, "tier"),
                (LedgerEntryType.Purchase, 6000L, "base-rate"),
            ],
            ledger.Select(e => (e.Type, e.Points, e.Rule)));
        Assert.Equal("Tier upgraded from none to gold (metric 60000)", ledger[2].Description);
    }

    [Fact]
    public async Task Only_purchases_inside_the_tier_window_count_towards_a_tier()
    {
        var program = await ProgramAsync(offlineWindow: TimeSpan.FromDays(90));
        await silo.Programs.SetTierPolicyAsync(new SetTierPolicyRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            TierPolicy = new TierPolicy { WindowMonths = 1 },
        });
        var silver = await TierAsync(program, "silver", 10_000, 100);
        var member = await EnrollAsync(silo, program);

        var old = await BuyAsync(With(Basket(program, member, Line("tv", "electronics", 1, 20_000)), r => r.OccurredAt = Ago(TimeSpan.FromDays(40))));
        var notYet = await MemberAsync(program, member);
        var recent = await BuyAsync(With(Basket(program, member, Line("tv", "electronics", 1, 15_000)), r => r.OccurredAt = Ago(TimeSpan.FromDays(10))));
        var upgraded = await MemberAsync(program, member);

        Assert.Equal((2000L, (MemberTier?)null), (old.PointsEarned, old.Tier));
        Assert.Equal(((MemberTier?)null, 0L, 10_000L), (notYet.Tier, notYet.TierMetric, notYet.NextTierNeeds));
        Assert.Equal(AsMemberTier(silver), recent.Tier);
        Assert.Equal((AsMemberTier(silver), 15_000L), (upgraded.Tier, upgraded.TierMetric));
    }

    [Fact]
    public async Task A_multiplier_promotion_adds_its_bonus_on_the_lines_in_scope()
    {
        var program = await ProgramAsync();
        await PromotionAsync(program, "double-books", "Double points on books", p =>
            p.Multiplier = new MultiplierRule { MultiplierPercent = 200, Scope = new ItemScope { Categories = { "books" } } });
        var member = await EnrollAsync(silo, program);

        var purchase = await BuyAsync(Basket(program, member, Line("novel", "books", 1, 1000), Line("pen", "stationery", 1, 500)));

        Assert.Equal(
            [
                Points("base-rate", 150, "150 points at 10 per EUR on 1500 minor units of qualifying spend"),
                Points("promotion:double-books", 100, "100 bonus points: Double points on books (200%)", "double-books"),
            ],
            purchase.Breakdown);
        Assert.Equal(250, purchase.PointsEarned);
    }

    [Fact]
    public async Task A_spend_threshold_bonus_is_given_at_the_threshold_and_taken_back_when_a_return_drops_the_kept_spend_below_it()
    {
        var program = await ProgramAsync();
        await PromotionAsync(program, "spend-50", "Spend 50, get 100", p =>
            p.SpendThreshold = new SpendThresholdRule { MinSpendMinor = 5000, BonusPoints = 100 });
        var member = await EnrollAsync(silo, program);

        var below = await BuyAsync(Basket(program, member, Line("shirt", "apparel", 1, 4999)));
        var reached = await BuyAsync(Basket(program, member, Line("shirt", "apparel", 1, 3000), Line("shoes", "apparel", 1, 3000)));
        var ret = await ReturnAsync(program, member, reached.TransactionId, ("shoes", 1));
        var ledger = await LedgerAsync(silo, program, member);

        Assert.Equal(["base-rate"], below.Breakdown.Select(b => b.Rule));
        Assert.Equal(
            [
                Points("base-rate", 600, "600 points at 10 per EUR on 6000 minor units of qualifying spend"),
                Points("promotion:spend-50", 100, "100 bonus points: Spend 50, get 100 (spent at least 5000 minor units)", "spend-50"),
            ],
            reached.Breakdown);
        Assert.Equal(new RecordReturnResponse
        {
            ReturnId = ret.ReturnId,
            PointsReversed = 400,
            Balance = new Balance { Available = 799, LifetimeEarned = 1199, LifetimeReversed = 400 },
            RefundMinor = 3000,
            Reversed =
            {
                Points("base-rate", 300, "300 points of base-rate reversed"),
                Points("promotion:spend-50", 100, "100 points of promotion:spend-50 reversed", "spend-50"),
            },
        }, ret);
        Assert.Equal(
            [(LedgerEntryType.Return, -300L, "base-rate", ""), (LedgerEntryType.Return, -100L, "promotion:spend-50", "spend-50")],
            ledger.Take(2).Select(e => (e.Type, e.Points, e.Rule, e.PromotionId)));
    }

    [Fact]
    public async Task A_first_purchase_bonus_is_given_once()
    {
        var program = await ProgramAsync();
        await PromotionAsync(program, "welcome", "Welcome", p => p.FirstPurchase = new FirstPurchaseRule { BonusPoints = 500 });
        var member = await EnrollAsync(silo, program);

        var first = await BuyAsync(Basket(program, member, Line("shirt", "apparel", 1, 1000)));
        var second = await BuyAsync(Basket(program, member, Line("shirt", "apparel", 1, 1000)));

        Assert.Equal(
            [
                Points("base-rate", 100, "100 points at 10 per EUR on 1000 minor units of qualifying spend"),
                Points("promotion:welcome", 500, "500 bonus points: Welcome (first purchase)", "welcome"),
            ],
            first.Breakdown);
        Assert.Equal(["base-rate"], second.Breakdown.Select(b => b.Rule));
        Assert.Equal(100, second.PointsEarned);
    }

    [Fact]
    public async Task A_punch_card_counts_stamps_gives_the_item_after_a_full_card_free_and_a_return_takes_stamps_back()
    {
        var program = await ProgramAsync();
        await PromotionAsync(program, "coffee-card", "Coffee card", p =>
            p.PunchCard = new PunchCardRule { Required = 10, Scope = new ItemScope { Skus = { "coffee" } } });
        var member = await EnrollAsync(silo, program);

        var seven = await BuyAsync(Basket(program, member, Line("coffee", "drinks", 7, 300), Line("bagel", "food", 1, 250)));
        var card = await MemberAsync(program, member);
        var full = await BuyAsync(Basket(program, member, Line("coffee", "drinks", 4, 300)));
        var three = await BuyAsync(Basket(program, member, Line("coffee", "drinks", 3, 300)));
        var ret = await ReturnAsync(program, member, three.TransactionId, ("coffee", 2));
        var after = await MemberAsync(program, member);

        Assert.Equal([Punch(0, 7)], seven.PunchCards);
        Assert.Equal((0L, 235L), (seven.DiscountTotalMinor, seven.PointsEarned));
        Assert.Equal([Punch(7, 7)], card.PunchCards);
        // 3 stamps fill the card (7 + 3 = 10 of 10); the 4th coffee is free.
        Assert.Equal(new RecordPurchaseResponse
        {
            TransactionId = full.TransactionId,
            PointsEarned = 90,
            Balance = new Balance { Available = 325, LifetimeEarned = 325 },
            TotalMinor = 1200,
            Currency = "EUR",
            Breakdown = { Points("base-rate", 90, "90 points at 10 per EUR on 900 minor units of qualifying spend") },
            Discounts =
            {
                new DiscountLine { PromotionId = "coffee-card", Sku = "coffee", Quantity = 1, AmountMinor = 300, Description = "Coffee card: 1 free (punch card)" },
            },
            DiscountTotalMinor = 300,
            QualifyingMinor = 900,
            PunchCards = { Punch(7, 0, freeItems: 1) },
        }, full);
        Assert.Equal([Punch(0, 3)], three.PunchCards);
        Assert.Equal([Punch(3, 1)], ret.PunchCards);
        Assert.Equal(60, ret.PointsReversed);
        Assert.Equal([Punch(1, 1)], after.PunchCards);
    }

    [Fact]
    public async Task Buy_one_get_one_takes_the_cheaper_item_of_each_pair_off()
    {
        var program = await ProgramAsync();
        await PromotionAsync(program, "socks-2-for-1", "Socks 2 for 1", p =>
            p.BuyOneGetOne = new BuyOneGetOneRule { PercentOff = 100, Scope = new ItemScope { Categories = { "socks" } } });
        await PromotionAsync(program, "hats-half", "Second hat half price", p =>
            p.BuyOneGetOne = new BuyOneGetOneRule { PercentOff = 50, Scope = new ItemScope { Skus = { "hat" } } });
        var member = await EnrollAsync(silo, program);

        var purchase = await BuyAsync(Basket(program, member,
            Line("wool-socks", "socks", 1, 800), Line("cotton-socks", "socks", 1, 500), Line("hat", "apparel", 3, 1000)));

        Assert.Equal(new RecordPurchaseResponse
        {
            TransactionId = purchase.TransactionId,
            PointsEarned = 330,
            Balance = new Balance { Available = 330, LifetimeEarned = 330 },
            TotalMinor = 4300,
            Currency = "EUR",
            Breakdown = { Points("base-rate", 330, "330 points at 10 per EUR on 3300 minor units of qualifying spend") },
            Discounts =
            {
                new DiscountLine { PromotionId = "socks-2-for-1", Sku = "cotton-socks", Quantity = 1, AmountMinor = 500, Description = "Socks 2 for 1: 1 free" },
                new DiscountLine { PromotionId = "hats-half", Sku = "hat", Quantity = 1, AmountMinor = 500, Description = "Second hat half price: 1 at 50% off" },
            },
            DiscountTotalMinor = 1000,
            QualifyingMinor = 3300,
        }, purchase);
    }

    [Fact]
    public async Task A_coupon_discounts_one_purchase_a_second_use_or_an_unknown_code_is_refused_on_a_recorded_purchase_and_a_full_return_gives_it_back()
    {
        var program = await ProgramAsync();
        await PromotionAsync(program, "ten-off", "Ten off", p => p.Coupon = new CouponRule { DiscountMinor = 1000 });
        var code = (await IssueAsync(program, "ten-off", 1))[0];
        var (alice, bob) = (await EnrollAsync(silo, program), await EnrollAsync(silo, program));

        var used = await BuyAsync(With(Basket(program, alice, Line("shirt", "apparel", 1, 3000)), r => r.CouponCodes.Add([code])));
        var usedUp = await BuyAsync(With(Basket(program, bob, Line("shirt", "apparel", 1, 3000)), r => r.CouponCodes.Add([code, "ZZZZ-ZZZZ-ZZZZ"])));
        var ret = await ReturnAsync(program, alice, used.TransactionId, ("shirt", 1));
        var again = await BuyAsync(With(Basket(program, bob, Line("shirt", "apparel", 1, 3000)), r => r.CouponCodes.Add([code])));

        Assert.Equal(new RecordPurchaseResponse
        {
            TransactionId = used.TransactionId,
            PointsEarned = 200,
            Balance = new Balance { Available = 200, LifetimeEarned = 200 },
            TotalMinor = 3000,
            Currency = "EUR",
            Breakdown = { Points("base-rate", 200, "200 points at 10 per EUR on 2000 minor units of qualifying spend") },
            Discounts =
            {
                new DiscountLine { PromotionId = "ten-off", CouponCode = code, Sku = "shirt", Quantity = 1, AmountMinor = 1000, Description = $"Ten off (coupon {code})" },
            },
            DiscountTotalMinor = 1000,
            QualifyingMinor = 2000,
            Coupons = { new CouponResult { Code = code, Accepted = true, PromotionId = "ten-off", DiscountMinor = 1000 } },
        }, used);
        Assert.Equal(new RecordPurchaseResponse
        {
            TransactionId = usedUp.TransactionId,
            PointsEarned = 300,
            Balance = new Balance { Available = 300, LifetimeEarned = 300 },
            TotalMinor = 3000,
            Currency = "EUR",
            Breakdown = { Points("base-rate", 300, "300 points at 10 per EUR on 3000 minor units of qualifying spend") },
            QualifyingMinor = 3000,
            Coupons =
            {
                new CouponResult
                {
                    Code = code, Accepted = false, Reason = "COUPON_USED_UP", PromotionId = "ten-off",
                    Message = $"coupon '{code}' has been used 1 time(s), all its uses",
                },
                new CouponResult
                {
                    Code = "ZZZZ-ZZZZ-ZZZZ", Accepted = false, Reason = "COUPON_NOT_FOUND",
                    Message = $"coupon 'ZZZZ-ZZZZ-ZZZZ' was not issued by program '{program}'",
                },
            },
        }, usedUp);
        Assert.NotEqual("", usedUp.TransactionId);
        Assert.Equal([code], ret.CouponsReleased);
        Assert.Equal((2000L, 200L), (ret.RefundMinor, ret.PointsReversed));
        Assert.Equal((true, 1000L), (again.Coupons.Single().Accepted, again.DiscountTotalMinor));
    }

    [Fact]
    public async Task Coupons_give_a_percentage_off_shared_over_the_lines_or_bonus_points()
    {
        var program = await ProgramAsync();
        await PromotionAsync(program, "tenth-off", "10% off", p => p.Coupon = new CouponRule { DiscountPercent = 10 });
        await PromotionAsync(program, "bonus-50", "50 bonus points", p => p.Coupon = new CouponRule { BonusPoints = 50 });
        var percent = (await IssueAsync(program, "tenth-off", 1))[0];
        var bonus = (await IssueAsync(program, "bonus-50", 1))[0];
        var member = await EnrollAsync(silo, program);

        var purchase = await BuyAsync(With(Basket(program, member, Line("shirt", "apparel", 1, 3000), Line("socks", "apparel", 1, 1000)), r => r.CouponCodes.Add([percent, bonus])));

        Assert.Equal(new RecordPurchaseResponse
        {
            TransactionId = purchase.TransactionId,
            PointsEarned = 410,
            Balance = new Balance { Available = 410, LifetimeEarned = 410 },
            TotalMinor = 4000,
            Currency = "EUR",
            Breakdown =
            {
                Points("base-rate", 360, "360 points at 10 per EUR on 3600 minor units of qualifying spend"),
                Points("promotion:bonus-50", 50, $"50 bonus points: coupon {bonus} bonus", "bonus-50"),
            },
            Discounts =
            {
                new DiscountLine { PromotionId = "tenth-off", CouponCode = percent, Sku = "shirt", Quantity = 1, AmountMinor = 300, Description = $"10% off (coupon {percent})" },
                new DiscountLine { PromotionId = "tenth-off", CouponCode = percent, Sku = "socks", Quantity = 1, AmountMinor = 100, Description = $"10% off (coupon {percent})" },
            },
            DiscountTotalMinor = 400,
            QualifyingMinor = 3600,
            Coupons =
            {
                new CouponResult { Code = percent, Accepted = true, PromotionId = "tenth-off", DiscountMinor = 400 },
                new CouponResult { Code = bonus, Accepted = true, PromotionId = "bonus-50", BonusPoints = 50 },
            },
        }, purchase);
    }

    [Fact]
    public async Task A_repeat_purchase_bonus_goes_to_the_nth_purchase_inside_the_window()
    {
        var program = await ProgramAsync(offlineWindow: TimeSpan.FromDays(90));
        await PromotionAsync(program, "third-visit", "Third visit", p =>
            p.RepeatPurchase = new RepeatPurchaseRule { Purchases = 3, WindowDays = 30, BonusPoints = 300 });
        var member = await EnrollAsync(silo, program);

        // The purchase 31 days ago is outside the 30-day window: the first purchase now is only number 2.
        await BuyAsync(With(Basket(program, member, Line("shirt", "apparel", 1, 1000)), r => r.OccurredAt = Ago(TimeSpan.FromDays(31))));
        await BuyAsync(With(Basket(program, member, Line("shirt", "apparel", 1, 1000)), r => r.OccurredAt = Ago(TimeSpan.FromDays(29))));
        var second = await BuyAsync(Basket(program, member, Line("shirt", "apparel", 1, 1000)));
        var third = await BuyAsync(Basket(program, member, Line("shirt", "apparel", 1, 1000)));

        Assert.Equal(["base-rate"], second.Breakdown.Select(b => b.Rule));
        Assert.Equal(
            [
                Points("base-rate", 100, "100 points at 10 per EUR on 1000 minor units of qualifying spend"),
                Points("promotion:third-visit", 300, "300 bonus points: Third visit (purchase number 3 within 30 days)", "third-visit"),
            ],
            third.Breakdown);
    }

    [Fact]
    public async Task A_cumulative_spend_bonus_goes_to_the_purchase_that_passes_the_total_once()
    {
        var program = await ProgramAsync();
        await PromotionAsync(program, "big-spender", "Big spender", p =>
            p.CumulativeSpend = new CumulativeSpendRule { ThresholdMinor = 10_000, BonusPoints = 1000 });
        var member = await EnrollAsync(silo, program);

        var first = await BuyAsync(Basket(program, member, Line("shirt", "apparel", 1, 6000)));
        var passes = await BuyAsync(Basket(program, member, Line("shoes", "apparel", 1, 5000)));
        var beyond = await BuyAsync(Basket(program, member, Line("hat", "apparel", 1, 5000)));

        Assert.Equal(
            [["base-rate"], ["base-rate", "promotion:big-spender"], ["base-rate"]],
            new[] { first, passes, beyond }.Select(p => p.Breakdown.Select(b => b.Rule).ToArray()));
        Assert.Equal(Points("promotion:big-spender", 1000, "1000 bonus points: Big spender (total spend passed 10000 minor units)", "big-spender"),
            passes.Breakdown[1]);
    }

    [Fact]
    public async Task Early_access_opens_a_promotion_to_high_tiers_first_and_to_everyone_at_its_start()
    {
        var program = await ProgramAsync();
        await TierAsync(program, "silver", 10_000, 100);
        await TierAsync(program, "gold", 50_000, 100);
        // A terminal may send occurred_at up to 5 minutes ahead, so the start can be tried on both sides, to the tick.
        var startsAt = Timestamp.FromDateTime(DateTime.UtcNow.AddMinutes(2));
        await PromotionAsync(program, "preview-sale", "Preview sale", p =>
        {
            p.SpendThreshold = new SpendThresholdRule { MinSpendMinor = 1, BonusPoints = 70 };
            p.StartsAt = startsAt;
            p.EarlyAccess = new EarlyAccess { MinTierId = "gold", StartsAt = Timestamp.FromDateTime(DateTime.UtcNow.AddMinutes(-1)) };
        });
        var (gold, silver, none) = (await EnrollAsync(silo, program), await EnrollAsync(silo, program), await EnrollAsync(silo, program));
        // The purchases that earn the tiers are priced at no tier, so early access does not apply to them yet.
        var goldUpgrade = await BuyAsync(Basket(program, gold, Line("tv", "electronics", 1, 50_000)));
        await BuyAsync(Basket(program, silver, Line("radio", "electronics", 1, 10_000)));
        var justBefore = Timestamp.FromDateTimeOffset(startsAt.ToDateTimeOffset().AddTicks(-10));

        var purchases = new[]
        {
            await BuyAsync(Basket(program, gold, Line("cable", "electronics", 1, 1000))),
            await BuyAsync(Basket(program, silver, Line("cable", "electronics", 1, 1000))),
            await BuyAsync(With(Basket(program, none, Line("cable", "electronics", 1, 1000)), r => r.OccurredAt = justBefore)),
            await BuyAsync(With(Basket(program, none, Line("cable", "electronics", 1, 1000)), r => r.OccurredAt = startsAt)),
        };

        Assert.Equal(["base-rate"], goldUpgrade.Breakdown.Select(b => b.Rule));
        Assert.Equal(
            [
                ["base-rate", "promotion:preview-sale"],
                ["base-rate"],
                ["base-rate"],
                ["base-rate", "promotion:preview-sale"],
            ],
            purchases.Select(p => p.Breakdown.Select(b => b.Rule).ToArray()));
    }

    [Fact]
    public async Task Targets_pick_tiers_first_time_customers_or_lapsed_members()
    {
        var program = await ProgramAsync(offlineWindow: TimeSpan.FromDays(90));
        await TierAsync(program, "gold", 100_000, 100);
        await PromotionAsync(program, "gold-only", "Gold thanks", p =>
        {
            p.SpendThreshold = new SpendThresholdRule { MinSpendMinor = 1, BonusPoints = 10 };
            p.Target = new PromotionTarget { Kind = TargetKind.Tiers, TierIds = { "gold" } };
        });
        await PromotionAsync(program, "newcomer", "Newcomer", p =>
        {
            p.SpendThreshold = new SpendThresholdRule { MinSpendMinor = 1, BonusPoints = 20 };
            p.Target = new PromotionTarget { Kind = TargetKind.FirstTimeCustomers };
        });
        await PromotionAsync(program, "win-back", "We missed you", p =>
        {
            p.SpendThreshold = new SpendThresholdRule { MinSpendMinor = 1, BonusPoints = 50 };
            p.Target = new PromotionTarget { Kind = TargetKind.Lapsed, LapsedDays = 30 };
        });
        var (goldMember, newMember, lapsedMember, regularMember) =
            (await EnrollAsync(silo, program), await EnrollAsync(silo, program), await EnrollAsync(silo, program), await EnrollAsync(silo, program));
        // Offline uploads from before the promotions started: they only set up each member's history.
        await BuyAsync(With(Basket(program, goldMember, Line("tv", "electronics", 1, 100_000)), r => r.OccurredAt = Ago(TimeSpan.FromDays(5))));
        await BuyAsync(With(Basket(program, lapsedMember, Line("tv", "electronics", 1, 1000)), r => r.OccurredAt = Ago(TimeSpan.FromDays(40))));
        await BuyAsync(With(Basket(program, regularMember, Line("tv", "electronics", 1, 1000)), r => r.OccurredAt = Ago(TimeSpan.FromDays(5))));

        var purchases = new List<string[]>();
        foreach (var member in new[] { goldMember, newMember, lapsedMember, regularMember })
        {
            var purchase = await BuyAsync(Basket(program, member, Line("cable", "electronics", 1, 1000)));
            purchases.Add(purchase.Breakdown.Select(b => b.Rule).ToArray());
        }

        Assert.Equal(
            [
                ["base-rate", "promotion:gold-only"],
                ["base-rate", "promotion:newcomer"],
                ["base-rate", "promotion:win-back"],
                ["base-rate"],
            ],
            purchases);
    }

    [Fact]
    public async Task Days_of_the_week_are_local_days_in_the_program_time_zone()
    {
        // At 12:00 UTC yesterday it was already today, 02:00, in Kiritimati (UTC+14).
        var at = DateTime.UtcNow.Date.AddDays(-1).AddHours(12);
        var kiritimatiDay = TimeZoneInfo.ConvertTimeBySystemTimeZoneId(at, "Pacific/Kiritimati").DayOfWeek;
        var answers = new List<string[]>();
        foreach (var zone in new[] { "Pacific/Kiritimati", "UTC" })
        {
            var program = await ProgramAsync(timeZone: zone);
            await PromotionAsync(program, "local-day", "Local day", p =>
            {
                p.SpendThreshold = new SpendThresholdRule { MinSpendMinor = 1, BonusPoints = 10 };
                p.StartsAt = Timestamp.FromDateTime(at.AddDays(-2));
                p.DaysOfWeek.Add(ToWeekday(kiritimatiDay));
            });
            var member = await EnrollAsync(silo, program);
            var purchase = await BuyAsync(With(Basket(program, member, Line("shirt", "apparel", 1, 1000)), r => r.OccurredAt = Timestamp.FromDateTime(at)));
            answers.Add(purchase.Breakdown.Select(b => b.Rule).ToArray());
        }

        Assert.Equal([["base-rate", "promotion:local-day"], ["base-rate"]], answers);
    }

    [Fact]
    public async Task A_promotion_limited_per_member_applies_that_often_and_a_full_return_gives_the_use_back()
    {
        var program = await ProgramAsync();
        await PromotionAsync(program, "once", "Once per member", p =>
        {
            p.SpendThreshold = new SpendThresholdRule { MinSpendMinor = 1000, BonusPoints = 100 };
            p.UsageLimitPerMember = 1;
        });
        var member = await EnrollAsync(silo, program);

        var first = await BuyAsync(Basket(program, member, Line("shirt", "apparel", 1, 1000)));
        var second = await BuyAsync(Basket(program, member, Line("shirt", "apparel", 1, 1000)));
        await ReturnAsync(program, member, first.TransactionId, ("shirt", 1));
        var afterReturn = await BuyAsync(Basket(program, member, Line("shirt", "apparel", 1, 1000)));

        Assert.Equal(
            [["base-rate", "promotion:once"], ["base-rate"], ["base-rate", "promotion:once"]],
            new[] { first, second, afterReturn }.Select(p => p.Breakdown.Select(b => b.Rule).ToArray()));
    }

    [Fact]
    public async Task An_admin_change_applies_to_the_very_next_checkout()
    {
        var program = await ProgramAsync();
        var member = await EnrollAsync(silo, program);
        await TierAsync(program, "gold", 0, 150);
        async Task<string[]> Next() =>
            (await BuyAsync(Basket(program, member, Line("book", "books", 1, 1000)))).Breakdown.Select(b => $"{b.Rule}={b.Points}").ToArray();

        var asGold = await Next();
        await PromotionAsync(program, "double", "Double points", p => p.Multiplier = new MultiplierRule { MultiplierPercent = 200 });
        var withPromotion = await Next();
        await silo.Programs.EndPromotionAsync(new EndPromotionRequest { RequestId = NewId("req"), ProgramId = program, PromotionId = "double" });
        var ended = await Next();
        await TierAsync(program, "gold", 0, 300);
        var richerTier = await Next();
        await SetEarningAsync(program, new EarningRules { CategoryMultipliers = { ["books"] = 50 } });
        var halfOnBooks = await Next();

        // The purchase that makes the member gold (threshold 0) is priced before the upgrade.
        Assert.Equal(["base-rate=100"], asGold);
        Assert.Equal(["base-rate=100", "tier:gold=50", "promotion:double=100"], withPromotion);
        Assert.Equal(["base-rate=100", "tier:gold=50"], ended);
        Assert.Equal(["base-rate=100", "tier:gold=200"], richerTier);
        Assert.Equal(["base-rate=50", "tier:gold=100"], halfOnBooks);
    }

    [Fact]
    public async Task A_preview_answers_what_the_purchase_will_and_records_nothing_nor_uses_the_coupon()
    {
        var program = await ProgramAsync();
        await TierAsync(program, "gold", 500, 150, "free-shipping");
        await PromotionAsync(program, "coffee-card", "Coffee card", p =>
            p.PunchCard = new PunchCardRule { Required = 3, Scope = new ItemScope { Skus = { "coffee" } } });
        await PromotionAsync(program, "double-food", "Double food", p =>
            p.Multiplier = new MultiplierRule { MultiplierPercent = 200, Scope = new ItemScope { Categories = { "food" } } });
        await PromotionAsync(program, "five-off", "Five off", p => p.Coupon = new CouponRule { DiscountMinor = 500 });
        var codes = await IssueAsync(program, "five-off", 2);
        var (alice, bob) = (await EnrollAsync(silo, program), await EnrollAsync(silo, program));
        await BuyAsync(Basket(program, alice, Line("coffee", "drinks", 2, 300)));
        var before = await MemberAsync(program, alice);
        var ledgerBefore = await LedgerAsync(silo, program, alice);

        var firstPreview = await silo.Checkout.PreviewPurchaseAsync(
            With(Basket(program, alice, Line("coffee", "drinks", 2, 300)), r => r.CouponCodes.Add([codes[0]])));
        var bobUsesIt = await BuyAsync(With(Basket(program, bob, Line("bagel", "food", 1, 1000)), r => r.CouponCodes.Add([codes[0]])));
        var request = With(Basket(program, alice, Line("coffee", "drinks", 2, 300), Line("bagel", "food", 1, 1000)), r => r.CouponCodes.Add([codes[1]]));
        var preview = await silo.Checkout.PreviewPurchaseAsync(request);
        var unchanged = await MemberAsync(program, alice);
        var ledgerUnchanged = await LedgerAsync(silo, program, alice);
        var purchase = await BuyAsync(request);

        Assert.True(firstPreview.Coupons.Single().Accepted);
        Assert.True(bobUsesIt.Coupons.Single().Accepted);
        Assert.Equal("", preview.TransactionId);
        Assert.NotEqual("", purchase.TransactionId);
        var recorded = purchase.Clone();
        recorded.TransactionId = "";
        Assert.Equal(preview, recorded);
        Assert.Equal(before, unchanged);
        Assert.Equal(ledgerBefore, ledgerUnchanged);
        // Gold since the first purchase. One stamp fills the card (3 of 3), so the second coffee is free; the coupon's 5.00
        // is shared over what is left (3.00 coffee, 10.00 bagel): 1.16 and 3.84. Points on 1.84 + 6.16 = 8.00 EUR.
        Assert.Equal(new RecordPurchaseResponse
        {
            PointsEarned = 181,
            Balance = new Balance { Available = 60 + 181, LifetimeEarned = 60 + 181 },
            TotalMinor = 1600,
            Currency = "EUR",
            Breakdown =
            {
                Points("base-rate", 80, "80 points at 10 per EUR on 800 minor units of qualifying spend"),
                Points("tier:gold", 40, "40 bonus points for tier Gold (150%)"),
                Points("promotion:double-food", 61, "61 bonus points: Double food (200%)", "double-food"),
            },
            Discounts =
            {
                new DiscountLine { PromotionId = "coffee-card", Sku = "coffee", Quantity = 1, AmountMinor = 300, Description = "Coffee card: 1 free (punch card)" },
                new DiscountLine { PromotionId = "five-off", CouponCode = codes[1], Sku = "coffee", Quantity = 2, AmountMinor = 116, Description = $"Five off (coupon {codes[1]})" },
                new DiscountLine { PromotionId = "five-off", CouponCode = codes[1], Sku = "bagel", Quantity = 1, AmountMinor = 384, Description = $"Five off (coupon {codes[1]})" },
            },
            DiscountTotalMinor = 800,
            QualifyingMinor = 800,
            PunchCards = { Punch(2, 0, required: 3, freeItems: 1, promotionId: "coffee-card") },
            Coupons = { new CouponResult { Code = codes[1], Accepted = true, PromotionId = "five-off", DiscountMinor = 500 } },
            Tier = new MemberTier { TierId = "gold", Name = "Gold", EarnMultiplierPercent = 150, Benefits = { "free-shipping" } },
        }, preview);
    }

    [Fact]
    public async Task The_statement_has_one_line_per_rule_and_a_return_takes_back_each_returned_lines_share()
    {
        var program = await ProgramAsync();
        await TierAsync(program, "gold", 0, 150);
        var member = await EnrollAsync(silo, program);
        await BuyAsync(Basket(program, member, Line("gum", "food", 1, 100)));
        await PromotionAsync(program, "spend-5", "Spend 5", p => p.SpendThreshold = new SpendThresholdRule { MinSpendMinor = 500, BonusPoints = 25 });

        // Each component is rounded down once for the whole purchase (base 99.9 -> 99, tier bonus 49.95 -> 49), then shared over
        // the lines by largest remainder (tier bonus 16.65 each: 17, 16, 16). Rounding per line would give 3 x (33 + 16) = 147.
        var purchase = await BuyAsync(Basket(program, member, Line("a", "food", 1, 333), Line("b", "food", 1, 333), Line("c", "food", 1, 333)));
        var first = await ReturnAsync(program, member, purchase.TransactionId, ("a", 1));
        var second = await ReturnAsync(program, member, purchase.TransactionId, ("b", 1));
        var last = await ReturnAsync(program, member, purchase.TransactionId, ("c", 1));
        var ledger = await LedgerAsync(silo, program, member);

        Assert.Equal(
            [("base-rate", "", 99L), ("tier:gold", "", 49L), ("promotion:spend-5", "spend-5", 25L)],
            purchase.Breakdown.Select(b => (b.Rule, b.PromotionId, b.Points)));
        // Returning a leaves 666 of 999 kept, above the 500 minimum: the bonus stays until b goes back too.
        Assert.Equal(
            [
                [("base-rate", 33L), ("tier:gold", 17L)],
                [("base-rate", 33L), ("tier:gold", 16L), ("promotion:spend-5", 25L)],
                [("base-rate", 33L), ("tier:gold", 16L)],
            ],
            new[] { first, second, last }.Select(r => r.Reversed.Select(b => (b.Rule, b.Points)).ToArray()));
        var purchaseLines = ledger.Where(e => e.TransactionId == purchase.TransactionId && e.Type == LedgerEntryType.Purchase).ToArray();
        Assert.Equal(
            [("base-rate", "", 99L, 99L), ("tier:gold", "", 49L, 49L), ("promotion:spend-5", "spend-5", 25L, 25L)],
            purchaseLines.Select(e => (e.Rule, e.PromotionId, e.Points, e.AvailableDelta)));
        Assert.Single(purchaseLines.Select(e => e.Sequence).Distinct());
        Assert.Equal(
            [
                ("base-rate", "", -33L), ("tier:gold", "", -16L),
                ("base-rate", "", -33L), ("tier:gold", "", -16L), ("promotion:spend-5", "spend-5", -25L),
                ("base-rate", "", -33L), ("tier:gold", "", -17L),
            ],
            ledger.Where(e => e.Type == LedgerEntryType.Return).Select(e => (e.Rule, e.PromotionId, e.Points)));
        Assert.Equal(0, ledger.Where(e => e.TransactionId == purchase.TransactionId).Sum(e => e.Points));
    }

    [Fact]
    public async Task Points_expire_by_lot_or_after_inactivity_are_announced_in_advance_and_an_admin_gives_them_back()
    {
        // Expiry is counted in months; an offline upload back-dated up to the 90-day window makes it due now.
        var fifo = await ProgramAsync(offlineWindow: TimeSpan.FromDays(90));
        await SetExpiryAsync(fifo, new ExpiryPolicy { Kind = ExpiryKind.FifoLots, Months = 1 });
        var member = await EnrollAsync(silo, fifo);
        var oldAt = DateTime.UtcNow.AddDays(-40);
        var soonAt = DateTime.UtcNow.AddDays(-20);
        await BuyAsync(With(Basket(fifo, member, Line("tv", "electronics", 1, 3000)), r => r.OccurredAt = Timestamp.FromDateTime(oldAt)));
        await BuyAsync(With(Basket(fifo, member, Line("radio", "electronics", 1, 2000)), r => r.OccurredAt = Timestamp.FromDateTime(soonAt)));

        var expired = await EventuallyAsync(() => MemberAsync(fifo, member), m => m.Balance.LifetimeExpired > 0);
        var reinstated = await silo.Programs.ReinstateExpiredPointsAsync(new ReinstateExpiredPointsRequest
        {
            RequestId = NewId("req"),
            ProgramId = fifo,
            MemberId = member,
            Reason = "Goodwill after a complaint",
        });
        var ledger = await LedgerAsync(silo, fifo, member);

        Assert.Equal(new Balance { Available = 200, LifetimeEarned = 500, LifetimeExpired = 300 }, expired.Balance);
        Assert.Equal([new ExpiringPoints { Points = 200, ExpiresAt = Timestamp.FromDateTime(soonAt.AddMonths(1)) }], expired.ExpiringSoon);
        Assert.Equal((300L, new Balance { Available = 500, LifetimeEarned = 500, LifetimeExpired = 300, LifetimeReinstated = 300 }),
            (reinstated.PointsReinstated, reinstated.Balance));
        Assert.Equal(
            [
                (LedgerEntryType.Reinstatement, 300L, "reinstatement"),
                (LedgerEntryType.Purchase, 200L, "base-rate"),
                (LedgerEntryType.Expiry, -300L, "expiry"),
                (LedgerEntryType.Purchase, 300L, "base-rate"),
            ],
            ledger.Select(e => (e.Type, e.Points, e.Rule)));
        Assert.Equal(Timestamp.FromDateTime(oldAt.AddMonths(1)), ledger[2].OccurredAt);
        // The audit names the admin's key: here the silo's configured bootstrap key.
        Assert.Matches(@"^300 expired points reinstated by key:boot[0-9a-f]{12} \(bootstrap \(configured\)\): Goodwill after a complaint$", ledger[0].Description);

        var inactivity = await ProgramAsync(offlineWindow: TimeSpan.FromDays(90));
        await SetExpiryAsync(inactivity, new ExpiryPolicy { Kind = ExpiryKind.Inactivity, Months = 1 });
        var (idle, active) = (await EnrollAsync(silo, inactivity), await EnrollAsync(silo, inactivity));
        await BuyAsync(With(Basket(inactivity, idle, Line("tv", "electronics", 1, 3000)), r => r.OccurredAt = Timestamp.FromDateTime(oldAt)));
        await BuyAsync(With(Basket(inactivity, active, Line("tv", "electronics", 1, 5000)), r => r.OccurredAt = Timestamp.FromDateTime(soonAt)));

        var idleExpired = await EventuallyAsync(() => MemberAsync(inactivity, idle), m => m.Balance.LifetimeExpired > 0);
        var idleLedger = await LedgerAsync(silo, inactivity, idle);
        var activeKept = await MemberAsync(inactivity, active);
        await silo.Programs.ReinstateExpiredPointsAsync(new ReinstateExpiredPointsRequest
        {
            RequestId = NewId("req"),
            ProgramId = inactivity,
            Reason = "Expiry notices were not sent",
        });
        var idleBack = await EventuallyAsync(() => MemberAsync(inactivity, idle), m => m.Balance.LifetimeReinstated > 0);

        Assert.Equal(new Balance { LifetimeEarned = 300, LifetimeExpired = 300 }, idleExpired.Balance);
        Assert.Equal((LedgerEntryType.Expiry, -300L, "expiry-inactivity"), (idleLedger[0].Type, idleLedger[0].Points, idleLedger[0].Rule));
        Assert.Equal(Timestamp.FromDateTime(oldAt.AddMonths(1)), idleLedger[0].OccurredAt);
        Assert.Equal(new Balance { Available = 500, LifetimeEarned = 500 }, activeKept.Balance);
        Assert.Equal([new ExpiringPoints { Points = 500, ExpiresAt = Timestamp.FromDateTime(soonAt.AddMonths(1)) }], activeKept.ExpiringSoon);
        Assert.Equal(new Balance { Available = 300, LifetimeEarned = 300, LifetimeExpired = 300, LifetimeReinstated = 300 }, idleBack.Balance);
    }

    [Fact]
    public async Task Expiry_options_date_lots_by_days_to_the_end_of_the_local_day_or_by_months_to_the_end_of_the_month()
    {
        // Tokyo is UTC+9 all year: a local day ends at 15:00Z, and the first of a month starts at 15:00Z the day before.
        var tokyo = TimeSpan.FromHours(9);
        DateTimeOffset LocalDate(DateTime utc) => new(new DateTimeOffset(utc, TimeSpan.Zero).ToOffset(tokyo).Date, tokyo);

        var days = await ProgramAsync("Asia/Tokyo", TimeSpan.FromDays(90));
        var daysPolicy = new ExpiryPolicy { Kind = ExpiryKind.FifoLots, Days = 10, AtEndOfDay = true };
        var set = await silo.Programs.SetExpiryPolicyAsync(new SetExpiryPolicyRequest { RequestId = NewId("req"), ProgramId = days, ExpiryPolicy = daysPolicy });
        var member = await EnrollAsync(silo, days);
        var (oldAt, soonAt) = (DateTime.UtcNow.AddDays(-20), DateTime.UtcNow.AddDays(-1));
        await BuyAsync(With(Basket(days, member, Line("tv", "electronics", 1, 3000)), r => r.OccurredAt = Timestamp.FromDateTime(oldAt)));
        await BuyAsync(With(Basket(days, member, Line("radio", "electronics", 1, 2000)), r => r.OccurredAt = Timestamp.FromDateTime(soonAt)));

        var shown = await EventuallyAsync(() => MemberAsync(days, member), m => m.Balance.LifetimeExpired > 0);
        var ledger = await LedgerAsync(silo, days, member);

        Assert.Equal(daysPolicy, set.ExpiryPolicy);
        Assert.Equal(new Balance { Available = 200, LifetimeEarned = 500, LifetimeExpired = 300 }, shown.Balance);
        // 10 days after the local date it was earned, at the end of that local day: local date + 11 days, 00:00 JST.
        Assert.Equal([new ExpiringPoints { Points = 200, ExpiresAt = Timestamp.FromDateTimeOffset(LocalDate(soonAt).AddDays(11)) }], shown.ExpiringSoon);
        // The first purchase's lot expired when it was uploaded, before the second purchase.
        var expiry = ledger.Single(e => e.Type == LedgerEntryType.Expiry);
        Assert.Equal((-300L, "expiry", Timestamp.FromDateTimeOffset(LocalDate(oldAt).AddDays(11))), (expiry.Points, expiry.Rule, expiry.OccurredAt));

        var months = await ProgramAsync("Asia/Tokyo", TimeSpan.FromDays(90));
        await SetExpiryAsync(months, new ExpiryPolicy { Kind = ExpiryKind.FifoLots, Months = 1, PeriodEnd = ExpiryPeriodEnd.Month });
        var monthly = await EnrollAsync(silo, months);
        var earnedAt = DateTime.UtcNow.AddDays(-80);
        await BuyAsync(With(Basket(months, monthly, Line("tv", "electronics", 1, 3000)), r => r.OccurredAt = Timestamp.FromDateTime(earnedAt)));

        await EventuallyAsync(() => MemberAsync(months, monthly), m => m.Balance.LifetimeExpired > 0);
        var monthlyLedger = await LedgerAsync(silo, months, monthly);

        // A month after the local date, at the end of that calendar month: the first of the month after, 00:00 JST.
        var plusMonth = LocalDate(earnedAt).AddMonths(1);
        var monthEnd = new DateTimeOffset(plusMonth.Year, plusMonth.Month, 1, 0, 0, 0, tokyo).AddMonths(1);
        Assert.Equal((LedgerEntryType.Expiry, -300L, Timestamp.FromDateTimeOffset(monthEnd)),
            (monthlyLedger[0].Type, monthlyLedger[0].Points, monthlyLedger[0].OccurredAt));
    }

    [Fact]
    public async Task A_late_upload_past_its_expiry_answers_the_balance_GetMember_shows_and_a_retry_answers_the_same()
    {
        var program = await ProgramAsync(offlineWindow: TimeSpan.FromDays(90));
        await SetExpiryAsync(program, new ExpiryPolicy { Kind = ExpiryKind.FifoLots, Months = 1 });
        var member = await EnrollAsync(silo, program);
        var late = With(Basket(program, member, Line("tv", "electronics", 1, 3000)), r => r.OccurredAt = Ago(TimeSpan.FromDays(45)));

        var purchase = await BuyAsync(late);
        var shown = await MemberAsync(program, member);
        var retry = await BuyAsync(late);

        Assert.Equal(new Balance { LifetimeEarned = 300, LifetimeExpired = 300 }, shown.Balance);
        Assert.Equal(shown.Balance, purchase.Balance);
        Assert.Equal(purchase, retry);
    }

    [Fact]
    public async Task A_return_after_its_purchases_points_expired_takes_none_of_them_back()
    {
        var program = await ProgramAsync(offlineWindow: TimeSpan.FromDays(90));
        await SetExpiryAsync(program, new ExpiryPolicy { Kind = ExpiryKind.FifoLots, Months = 1 });
        var member = await EnrollAsync(silo, program);
        var late = await BuyAsync(With(Basket(program, member, Line("tv", "electronics", 2, 1000)), r => r.OccurredAt = Ago(TimeSpan.FromDays(45))));
        await BuyAsync(Basket(program, member, Line("cable", "electronics", 1, 500)));

        var ret = await ReturnAsync(program, member, late.TransactionId, ("tv", 1));
        var shown = await MemberAsync(program, member);
        var ledger = await LedgerAsync(silo, program, member);

        Assert.Equal((200L, 0L, 0L, 100L), (late.PointsEarned, ret.PointsReversed, ret.PointsWrittenOff, ret.PointsAlreadyExpired));
        Assert.Equal([Points("base-rate", 100, "100 points of base-rate reversed")], ret.Reversed);
        Assert.Equal(new Balance { Available = 50, LifetimeEarned = 250, LifetimeExpired = 200 }, ret.Balance);
        Assert.Equal(ret.Balance, shown.Balance);
        Assert.Equal(shown.Balance.Available + shown.Balance.Held + shown.Balance.Pending, ledger.Sum(e => e.Points));
        Assert.Equal(
            [("already-expired", 100L), ("base-rate", -100L)],
            ledger.Where(e => e.Type == LedgerEntryType.Return).Select(e => (e.Rule, e.Points)).Order());
    }

    private async Task<string> ProgramAsync(string timeZone = "", TimeSpan? offlineWindow = null)
    {
        var programId = NewId("prog");
        await silo.Programs.CreateProgramAsync(new CreateProgramRequest
        {
            RequestId = NewId("req"),
            ProgramId = programId,
            Name = "Rules program",
            Currency = "EUR",
            PointsPerCurrencyUnit = 10,
            TimeZone = timeZone,
            OfflineWindow = offlineWindow is { } window ? Duration.FromTimeSpan(window) : null,
        });
        return programId;
    }

    private Task SetEarningAsync(string program, EarningRules rules) =>
        silo.Programs.SetEarningRulesAsync(new SetEarningRulesRequest { RequestId = NewId("req"), ProgramId = program, EarningRules = rules }).ResponseAsync;

    private Task SetExpiryAsync(string program, ExpiryPolicy policy) =>
        silo.Programs.SetExpiryPolicyAsync(new SetExpiryPolicyRequest { RequestId = NewId("req"), ProgramId = program, ExpiryPolicy = policy }).ResponseAsync;

    private async Task<Tier> TierAsync(string program, string id, long threshold, long earnPercent, params string[] benefits)
    {
        var tier = new Tier
        {
            TierId = id,
            Name = char.ToUpperInvariant(id[0]) + id[1..],
            Threshold = threshold,
            EarnMultiplierPercent = earnPercent,
            Benefits = { benefits },
        };
        return (await silo.Programs.UpsertTierAsync(new UpsertTierRequest { RequestId = NewId("req"), ProgramId = program, Tier = tier })).Tier;
    }

    /// <summary>A promotion running from a minute ago for a day, to every member; <paramref name="configure"/> sets its rule and the rest.</summary>
    private async Task<Promotion> PromotionAsync(string program, string id, string name, Action<CreatePromotionRequest> configure)
    {
        var request = new CreatePromotionRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            PromotionId = id,
            Name = name,
            StartsAt = Timestamp.FromDateTime(DateTime.UtcNow.AddMinutes(-1)),
            EndsAt = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(1)),
        };
        configure(request);
        return (await silo.Programs.CreatePromotionAsync(request)).Promotion;
    }

    private async Task<IReadOnlyList<string>> IssueAsync(string program, string promotionId, int count) =>
        (await silo.Programs.IssueCouponsAsync(new IssueCouponsRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            PromotionId = promotionId,
            Count = count,
        })).Batch.Codes;

    private async Task<Member> MemberAsync(string program, string member) =>
        (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member;

    private async Task<RecordPurchaseResponse> BuyAsync(RecordPurchaseRequest request) => await silo.Checkout.RecordPurchaseAsync(request);

    private async Task<RecordReturnResponse> ReturnAsync(string program, string member, string transactionId, params (string Sku, long Quantity)[] lines) =>
        await silo.Checkout.RecordReturnAsync(new RecordReturnRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            MemberId = member,
            TransactionId = transactionId,
            Lines = { lines.Select(l => new ReturnLine { Sku = l.Sku, Quantity = l.Quantity }) },
            MerchantId = "merchant-1",
            StoreId = "store-1",
            TerminalId = "term-1",
        });

    /// <summary>Reads until <paramref name="done"/> holds: for what the silo does by itself (wake-ups, program-wide decisions).</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + PollTimeout;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(200);
        }
    }

    private static RecordPurchaseRequest Basket(string program, string member, params PurchaseLine[] lines) => new()
    {
        RequestId = NewId("req"),
        ProgramId = program,
        MemberId = member,
        MerchantId = "merchant-1",
        StoreId = "store-1",
        TerminalId = "term-1",
        Currency = "EUR",
        Lines = { lines },
        OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow),
    };

    private static T With<T>(T message, Action<T> change)
    {
        change(message);
        return message;
    }

    private static PurchaseLine Line(string sku, string category, long quantity, long unitPriceMinor) =>
        new() { Sku = sku, Category = category, Quantity = quantity, UnitPriceMinor = unitPriceMinor };

    private static Timestamp Ago(TimeSpan age) => Timestamp.FromDateTime(DateTime.UtcNow - age);

    private static PointsBreakdownLine Points(string rule, long points, string description, string promotionId = "") =>
        new() { Rule = rule, PromotionId = promotionId, Points = points, Description = description };

    private static PunchCardProgress Punch(long before, long after, long required = 10, long freeItems = 0, string promotionId = "coffee-card") =>
        new() { PromotionId = promotionId, Before = before, After = after, Required = required, FreeItems = freeItems };

    private static MemberTier AsMemberTier(Tier tier) => new()
    {
        TierId = tier.TierId,
        Name = tier.Name,
        EarnMultiplierPercent = tier.EarnMultiplierPercent,
        Benefits = { tier.Benefits },
    };

    private static Weekday ToWeekday(DayOfWeek day) => day == DayOfWeek.Sunday ? Weekday.Sunday : (Weekday)(int)day;
}

public sealed class EmbeddedProgramRulesCheckoutTests(EmbeddedSiloFixture silo)
    : ProgramRulesCheckoutScenarios(silo), IClassFixture<EmbeddedSiloFixture>;

public sealed class PostgresProgramRulesCheckoutTests(PostgresSiloFixture silo)
    : ProgramRulesCheckoutScenarios(silo), IClassFixture<PostgresSiloFixture>;

/// <summary>
/// What falls due while nobody asks: after a restart no member is active, so only the silo's wake-up service (polling
/// every second here) can make pending points available. The maturity is on the statement before anyone looks.
/// </summary>
public sealed class ProgramRulesCheckoutWakeUpTests
{
    [Theory]
    [InlineData("Embedded")]
    [InlineData("PostgreSQL")]
    public async Task Pending_points_of_a_member_nobody_asks_about_become_available_after_a_restart(string provider)
    {
        var options = provider == "Embedded"
            ? SiloOptions.Embedded(Directory.CreateTempSubdirectory("lg-wakeup-").FullName)
            : SiloOptions.Postgres(await PostgresDatabase.CreateAsync());
        RecordPurchaseResponse purchase;
        string program, member;
        await using (var first = await SiloProcess.StartAsync(options))
        {
            var silo = new Fixture(first);
            program = await CreateProgramAsync(silo);
            await silo.Programs.SetEarningRulesAsync(new SetEarningRulesRequest
            {
                RequestId = NewId("req"),
                ProgramId = program,
                EarningRules = new EarningRules { PendingPeriod = Duration.FromTimeSpan(TimeSpan.FromSeconds(3)) },
            });
            member = await EnrollAsync(silo, program);
            purchase = await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("shirt", 1, 1000)));
            first.Kill();
        }

        await using var restarted = await SiloProcess.StartAsync(options);
        var due = purchase.PendingUntil.ToDateTime();
        var ready = DateTime.UtcNow;
        await Task.Delay((due > ready ? due - ready : TimeSpan.Zero) + TimeSpan.FromSeconds(5));
        var asked = DateTime.UtcNow;
        var fixture = new Fixture(restarted);
        var ledger = await LedgerAsync(fixture, program, member);
        var got = await fixture.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member });

        Assert.Equal(new Balance { Pending = 100, LifetimeEarned = 100 }, purchase.Balance);
        Assert.Equal(new Balance { Available = 100, LifetimeEarned = 100 }, got.Member.Balance);
        Assert.Equal([LedgerEntryType.Maturity, LedgerEntryType.Purchase], ledger.Select(e => e.Type));
        Assert.True(ledger[0].RecordedAt.ToDateTime() < asked.AddSeconds(-1),
            $"the maturity was recorded at {ledger[0].RecordedAt}, when the statement was asked for ({asked:O}), not by the wake-up service");
    }

    private sealed class Fixture : SiloFixture
    {
        public Fixture(SiloProcess silo) => Use(silo);

        protected override Task<SiloOptions> CreateOptionsAsync() => throw new NotSupportedException();
    }
}
