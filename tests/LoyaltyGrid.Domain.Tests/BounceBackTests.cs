using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>Issue 11 part 5: a purchase earns the member a coupon of their own for a later visit.</summary>
public sealed class BounceBackTests
{
    /// <summary>Spend 100.00, get 10% off next time, for 30 days.</summary>
    private static RulesBuilder Program() => new RulesBuilder().Promotion("come-back", new BounceBackRule(10_000, 10, 0, 30));

    private static PurchaseRecorded Buy(TestMember member, Basket basket, params string[] codes) =>
        (PurchaseRecorded)member.Handle(member.PurchaseOf(basket, coupons: codes)).Result;

    [Fact]
    public void A_purchase_that_reaches_the_minimum_spend_earns_a_unique_coupon_kept_on_the_member()
    {
        var member = TestMember.Enrolled(Program().Rules);

        var below = member.Buy(new Basket().Line("shoes", 1, 9_999));
        var earned = member.Buy(new Basket().Line("coat", 1, 10_000));
        var again = member.Buy(new Basket().Line("coat", 1, 10_000));

        Assert.Empty(below.BounceBackCoupons);
        var coupon = Assert.Single(earned.BounceBackCoupons);
        Assert.Matches("^BB-([2-9A-HJKMNP-Z]{4}-){3}[2-9A-HJKMNP-Z]{4}$", coupon.Code);
        Assert.Equal(("come-back", earned.TransactionId, 10L, 0L, earned.OccurredAt, earned.OccurredAt.AddDays(30)),
            (coupon.PromotionId, coupon.TransactionId, coupon.DiscountPercent, coupon.DiscountMinor, coupon.ValidFrom, coupon.ValidUntil));
        Assert.NotEqual(coupon.Code, Assert.Single(again.BounceBackCoupons).Code);
        Assert.Equal([coupon.Code, again.BounceBackCoupons[0].Code], member.State.BounceBackCoupons.Select(c => c.Code));
        Assert.True(earned.Used("come-back"));
    }

    [Fact]
    public void The_coupon_takes_its_discount_off_a_later_basket_once()
    {
        var member = TestMember.Enrolled(Program().Rules);
        var code = member.Buy(new Basket().Line("coat", 1, 10_000)).BounceBackCoupons[0].Code;

        var used = Buy(member, new Basket().Line("scarf", 1, 2_000).Delivery("shipping", 500), code);
        var twice = Buy(member, new Basket().Line("hat", 1, 2_000), code);

        Assert.Equal($"{code} accepted -200 +0", Show.Coupons(used.Coupons));
        Assert.Equal($"come-back/{code} scarf x1 -200", Show.Discounts(used.Discounts));
        Assert.Equal("base-rate=180 [180,0]", Show.Components(used.Components));
        Assert.Equal($"{code} COUPON_NOT_FOUND", Show.Coupons(twice.Coupons));
        Assert.Empty(member.State.BounceBackCoupons);
    }

    [Fact]
    public void A_coupon_past_its_validity_is_refused_and_dropped()
    {
        var member = TestMember.Enrolled(Program().Rules);
        var code = member.Buy(new Basket().Line("coat", 1, 10_000)).BounceBackCoupons[0].Code;
        member.Advance(TimeSpan.FromDays(30));

        var late = Buy(member, new Basket().Line("scarf", 1, 2_000), code);

        Assert.Equal($"{code} COUPON_EXPIRED", Show.Coupons(late.Coupons));
        Assert.Empty(member.State.BounceBackCoupons);
    }

    [Fact]
    public void Another_members_code_is_not_found()
    {
        var rules = Program().Rules;
        var (ann, bob) = (TestMember.Enrolled(rules, "ann"), TestMember.Enrolled(rules, "bob"));
        var code = ann.Buy(new Basket().Line("coat", 1, 10_000)).BounceBackCoupons[0].Code;

        var purchase = Buy(bob, new Basket().Line("scarf", 1, 2_000), code);

        Assert.Equal($"{code} COUPON_NOT_FOUND", Show.Coupons(purchase.Coupons));
        Assert.Single(ann.State.BounceBackCoupons);
    }

    [Theory]
    [InlineData(1, false)] // 150.00 kept of 200.00: still earns it
    [InlineData(3, true)]  // 50.00 kept: below the minimum, void
    [InlineData(4, true)]  // everything back
    public void A_return_that_takes_the_kept_spend_below_the_minimum_voids_the_coupon(long returned, bool voided)
    {
        var member = TestMember.Enrolled(Program().Rules);
        var purchase = member.Buy(new Basket().Line("shirt", 4, 5_000));

        member.Return(purchase.TransactionId, ("shirt", returned));

        Assert.Equal(voided ? 0 : 1, member.State.BounceBackCoupons.Count);
    }

    [Fact]
    public void A_used_coupon_stays_used_when_either_purchase_is_returned()
    {
        var member = TestMember.Enrolled(Program().Rules);
        var earned = member.Buy(new Basket().Line("coat", 1, 10_000));
        var code = earned.BounceBackCoupons[0].Code;
        var used = Buy(member, new Basket().Line("scarf", 1, 2_000), code);

        var back = member.ReturnAll(used);
        member.ReturnAll(earned);
        var retry = Buy(member, new Basket().Line("scarf", 1, 2_000), code);

        Assert.Empty(back.CouponsReleased);
        Assert.Equal($"{code} COUPON_NOT_FOUND", Show.Coupons(retry.Coupons));
    }

    [Fact]
    public void A_fixed_amount_coupon_takes_at_most_what_is_left_of_the_basket()
    {
        var member = TestMember.Enrolled(new RulesBuilder().Promotion("five-back", new BounceBackRule(1_000, 0, 500, 7)).Rules);
        var code = member.Buy(new Basket().Line("coat", 1, 1_000)).BounceBackCoupons[0].Code;

        var used = Buy(member, new Basket().Line("pen", 1, 300), code);

        Assert.Equal($"{code} accepted -300 +0", Show.Coupons(used.Coupons));
        Assert.Empty(member.State.BounceBackCoupons);
    }

    [Theory]
    [InlineData(0, 0, 30, "bounce_back")]
    [InlineData(10, 500, 30, "bounce_back")]
    [InlineData(101, 0, 30, "bounce_back.discount_percent")]
    [InlineData(10, 0, 0, "bounce_back.valid_days")]
    [InlineData(10, 0, 366, "bounce_back.valid_days")]
    public void Bad_bounce_back_rules_are_refused_naming_the_field(long percent, long minor, int days, string field)
    {
        var rules = new RulesBuilder();

        Assert.Equal(Refusal.Invalid(field), rules.Refuses(rules.PromotionRequest("p", new BounceBackRule(10_000, percent, minor, days))));
    }
}
