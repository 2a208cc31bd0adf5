using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>Coupon codes at checkout: what an accepted one gives, why one is refused, and that a refusal never refuses the purchase.</summary>
public sealed class CouponTests
{
    private static readonly DateTimeOffset Start = TestClock.Start;

    private readonly RulesBuilder program = new RulesBuilder()
        .Promotion("five-off", new CouponRule(500, 0, 0))
        .Promotion("ten-percent", new CouponRule(0, 10, 0))
        .Promotion("bonus", new CouponRule(0, 0, 200));

    /// <summary>15.00 EUR and 5.00 EUR: 200 points before any coupon.</summary>
    private static Basket Basket() => new Basket().Line("a", 1, 1500).Line("b", 1, 500);

    private string Code(string promotionId, string? memberId = null, int maxUses = 1, DateTimeOffset? validFrom = null, DateTimeOffset? validUntil = null) =>
        program.IssueCoupons(promotionId, 1, memberId, maxUses, validFrom, validUntil).Codes[0];

    private static string Anonymous(string shown, string code) => shown.Replace(code, "CODE", StringComparison.Ordinal);

    [Theory]
    [InlineData("five-off", "CODE accepted -500 +0", "five-off/CODE a x1 -375; five-off/CODE b x1 -125", "base-rate=150 [113,37]")]
    [InlineData("ten-percent", "CODE accepted -200 +0", "ten-percent/CODE a x1 -150; ten-percent/CODE b x1 -50", "base-rate=180 [135,45]")]
    [InlineData("bonus", "CODE accepted -0 +200", "", "base-rate=200 [150,50]; promotion:bonus=200 kept>=1")]
    public void Accepted_coupon_gives_its_discount_shared_over_the_lines_or_its_bonus_points(
        string promotionId, string outcome, string discounts, string components)
    {
        var code = Code(promotionId);
        var member = TestMember.Enrolled(program.Rules);

        var purchase = member.BuyWith(Basket(), program.Coupon(code));

        Assert.Equal(
            (outcome, discounts, components),
            (Anonymous(Show.Coupons(purchase.Coupons), code), Anonymous(Show.Discounts(purchase.Discounts), code), Show.Components(purchase.Components)));
        Assert.Equal([code], member.PurchaseEvent(purchase.TransactionId).Coupons.Where(c => c.Accepted).Select(c => c.Code));
        Assert.Equal(1, member.State.PromotionUses[promotionId]);
    }

    [Fact]
    public void Fixed_discount_larger_than_the_basket_takes_off_what_there_is()
    {
        var code = Code("five-off");
        var member = TestMember.Enrolled(program.Rules);

        var purchase = member.BuyWith(new Basket().Line("a", 1, 300), program.Coupon(code));

        Assert.Equal(("CODE accepted -300 +0", 0L, 0L), (Anonymous(Show.Coupons(purchase.Coupons), code), purchase.LineNetMinor[0], purchase.Points));
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "unknown code", "COUPON_NOT_FOUND" },
        { "issued to another member", "COUPON_NOT_YOURS" },
        { "validity ended", "COUPON_EXPIRED" },
        { "not valid yet", "COUPON_NOT_YET_VALID" },
        { "every use taken", "COUPON_USED_UP" },
        { "promotion ended", "PROMOTION_ENDED" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Refused_coupon_says_why_and_the_purchase_is_recorded_without_it(string situation, string reason)
    {
        CouponStatus coupon = situation switch
        {
            "unknown code" => new CouponStatus("ABCD-EFGH-JKMN", null, 0),
            "issued to another member" => program.Coupon(Code("five-off", memberId: "member-2")),
            "validity ended" => program.Coupon(Code("five-off", validFrom: Start.AddHours(-1), validUntil: Start)),
            "not valid yet" => program.Coupon(Code("five-off", validFrom: Start.AddMinutes(1))),
            "every use taken" => program.Coupon(Code("five-off", maxUses: 2), uses: 2),
            "promotion ended" => program.Coupon(Code("five-off", validUntil: Start.AddDays(30))),
            _ => throw new ArgumentOutOfRangeException(nameof(situation)),
        };
        if (situation == "promotion ended")
        {
            program.EndPromotion("five-off");
        }
        var member = TestMember.Enrolled(program.Rules);

        var purchase = member.BuyWith(Basket(), coupon);

        Assert.Equal(
            ($"{coupon.Code} {reason}", "", "base-rate=200 [150,50]"),
            (Show.Coupons(purchase.Coupons), Show.Discounts(purchase.Discounts), Show.Components(purchase.Components)));
        Assert.False(string.IsNullOrEmpty(purchase.Coupons[0].Message));
        Assert.Empty(member.PurchaseEvent(purchase.TransactionId).Coupons.Where(c => c.Accepted).Select(c => c.Code));
        Assert.Equal(new Balance(Available: 200, LifetimeEarned: 200), member.Balance);
    }

    [Fact]
    public void Coupon_issued_to_the_member_is_accepted()
    {
        var code = Code("five-off", memberId: "member-1");
        var member = TestMember.Enrolled(program.Rules, "member-1");

        Assert.True(member.BuyWith(Basket(), program.Coupon(code)).Coupons[0].Accepted);
    }

    [Fact]
    public void Coupon_with_uses_left_is_accepted()
    {
        var code = Code("five-off", maxUses: 2);
        var member = TestMember.Enrolled(program.Rules);

        Assert.True(member.BuyWith(Basket(), program.Coupon(code, uses: 1)).Coupons[0].Accepted);
    }

    [Fact]
    public void Second_code_of_the_same_promotion_on_one_purchase_is_refused()
    {
        var codes = program.IssueCoupons("five-off", 2).Codes;
        var member = TestMember.Enrolled(program.Rules);

        var purchase = member.BuyWith(Basket(), program.Coupon(codes[0]), program.Coupon(codes[1]));

        Assert.Equal($"{codes[0]} accepted -500 +0; {codes[1]} COUPON_PROMOTION_ALREADY_APPLIED", Show.Coupons(purchase.Coupons));
        Assert.Equal(1500L, purchase.LineNetMinor.Sum());
    }

    [Fact]
    public void Coupons_of_different_promotions_add_up()
    {
        var five = Code("five-off");
        var bonus = Code("bonus");
        var member = TestMember.Enrolled(program.Rules);

        var purchase = member.BuyWith(Basket(), program.Coupon(five), program.Coupon(bonus));

        Assert.Equal($"{five} accepted -500 +0; {bonus} accepted -0 +200", Show.Coupons(purchase.Coupons));
        Assert.Equal(350L, purchase.Points);
    }

    [Fact]
    public void Bonus_coupon_below_the_minimum_spend_is_refused_and_stays_unused()
    {
        var code = Code("bonus");
        program.Earning(new EarningRules { MinQualifyingSpendMinor = 5_000 });
        var member = TestMember.Enrolled(program.Rules);

        var purchase = member.BuyWith(Basket(), program.Coupon(code));

        Assert.Equal(($"{code} BELOW_MINIMUM_SPEND", 0L), (Show.Coupons(purchase.Coupons), purchase.Points));
        Assert.Empty(purchase.PromotionsUsed);
        Assert.Empty(member.PurchaseEvent(purchase.TransactionId).Coupons.Where(c => c.Accepted).Select(c => c.Code));
    }

    [Fact]
    public void Discount_coupon_lowers_the_spend_that_counts_for_a_threshold()
    {
        var code = Code("five-off");
        program.Promotion("big-basket", new SpendThresholdRule(2_000, 50));
        var member = TestMember.Enrolled(program.Rules);

        var purchase = member.BuyWith(Basket(), program.Coupon(code)); // 20.00 EUR less 5.00 EUR

        Assert.Equal((1_500L, false), (purchase.QualifyingMinor, purchase.Used("big-basket")));
    }
}
