using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>Returns undo what promotions gave: bonuses whose condition no longer holds, stamps, coupon and promotion uses.</summary>
public sealed class PromotionReturnTests
{
    [Fact]
    public void Spend_threshold_bonus_is_reversed_only_when_the_kept_spend_drops_below_the_threshold()
    {
        var member = TestMember.Enrolled(new RulesBuilder().Promotion("big-basket", new SpendThresholdRule(5_000, 50)).Rules);
        var purchase = member.Buy(new Basket().Line("a", 2, 2_000).Line("b", 2, 1_000)); // 60.00 EUR: 600 + 50

        var keepsFiftyEuros = member.Return(purchase.TransactionId, ("b", 1));
        var keepsForty = member.Return(purchase.TransactionId, ("b", 1));

        Assert.Equal(("base-rate=100", ""), (Show.Components(keepsFiftyEuros.Reversed), string.Join(",", keepsFiftyEuros.PromotionsReleased)));
        Assert.Equal(("base-rate=100; promotion:big-basket=50", "big-basket"), (Show.Components(keepsForty.Reversed), string.Join(",", keepsForty.PromotionsReleased)));
        Assert.Equal(new Balance(Available: 400, LifetimeEarned: 650, LifetimeReversed: 250), member.Balance);
        Assert.Equal(0, member.State.PromotionUses["big-basket"]);

        // The use was given back once; returning the rest does not give it back again.
        var rest = member.Return(purchase.TransactionId, ("a", 2));
        Assert.Equal(("base-rate=400", ""), (Show.Components(rest.Reversed), string.Join(",", rest.PromotionsReleased)));
        Assert.Equal(0, member.State.PromotionUses["big-basket"]);
    }

    [Fact]
    public void Returned_stamped_items_take_their_stamps_back()
    {
        var member = TestMember.Enrolled(new RulesBuilder().Promotion("card", new PunchCardRule(3, new ItemScope([], ["coffee"]))).Rules);
        var purchase = member.Buy(new Basket().Line("coffee", 2, 300));

        var ret = member.Return(purchase.TransactionId, ("coffee", 1));

        Assert.Equal(("card 2->1/3 free 0", 1L), (Show.Cards(ret.PunchCards), member.State.PunchProgress["card"]));
    }

    [Fact]
    public void Returned_free_item_gives_the_full_card_back()
    {
        var member = TestMember.Enrolled(new RulesBuilder().Promotion("card", new PunchCardRule(3, new ItemScope([], ["coffee"]))).Rules);
        member.Buy(new Basket().Line("coffee", 3, 300));
        var free = member.Buy(new Basket().Line("coffee", 1, 300));

        var ret = member.ReturnAll(free);

        Assert.Equal(("card 0->3/3 free -1", 3L, 0L), (Show.Cards(ret.PunchCards), member.State.PunchProgress["card"], ret.RefundMinor));
        Assert.Equal(0, member.State.PromotionUses["card"]);
    }

    [Fact]
    public void Returning_a_purchase_with_a_free_item_at_once_restores_the_card_it_started_from()
    {
        var member = TestMember.Enrolled(new RulesBuilder().Promotion("card", new PunchCardRule(3, new ItemScope([], ["coffee"]))).Rules);
        member.Buy(new Basket().Line("coffee", 2, 300));
        var purchase = member.Buy(new Basket().Line("coffee", 2, 300)); // one stamp fills the card, the second coffee is free

        var ret = member.ReturnAll(purchase);

        Assert.Equal(("card 2->0/3 free 1", "card 0->2/3 free -1"), (Show.Cards(purchase.PunchCards), Show.Cards(ret.PunchCards)));
        Assert.Equal(2L, member.State.PunchProgress["card"]);
    }

    [Fact]
    public void Returning_a_purchase_with_a_free_item_in_pieces_restores_the_card_it_started_from()
    {
        var member = TestMember.Enrolled(new RulesBuilder().Promotion("card", new PunchCardRule(3, new ItemScope([], ["coffee"]))).Rules);
        member.Buy(new Basket().Line("coffee", 2, 300));
        var purchase = member.Buy(new Basket().Line("coffee", 2, 300));

        member.Return(purchase.TransactionId, ("coffee", 1));
        member.Return(purchase.TransactionId, ("coffee", 1));

        Assert.Equal(2L, member.State.PunchProgress["card"]);
    }

    [Fact]
    public void A_stamp_returned_after_its_card_paid_out_is_owed_by_the_next_card()
    {
        var member = TestMember.Enrolled(new RulesBuilder().Promotion("card", new PunchCardRule(9, new ItemScope([], ["coffee"]))).Rules);
        var first = member.Buy(new Basket().Line("coffee", 3, 300));
        member.Buy(new Basket().Line("coffee", 3, 300));
        member.Buy(new Basket().Line("coffee", 3, 300)); // 9 of 9
        var free = member.Buy(new Basket().Line("coffee", 1, 300));

        var ret = member.Return(first.TransactionId, ("coffee", 1));
        var nine = member.Buy(new Basket().Line("coffee", 9, 300));
        var tenth = member.Buy(new Basket().Line("coffee", 1, 300));
        var eleventh = member.Buy(new Basket().Line("coffee", 1, 300));

        // 8 paid coffees kept for the free one: the returned stamp is owed, and the next paid coffee pays it back.
        Assert.Equal(("card 9->0/9 free 1", "card 0->-1/9 free 0"), (Show.Cards(free.PunchCards), Show.Cards(ret.PunchCards)));
        Assert.Equal(
            ("card -1->8/9 free 0", "card 8->9/9 free 0", "card 9->0/9 free 1"),
            (Show.Cards(nine.PunchCards), Show.Cards(tenth.PunchCards), Show.Cards(eleventh.PunchCards)));
        Assert.Equal(0L, member.State.PunchProgress["card"]);
    }

    [Fact]
    public void Returning_the_free_item_after_an_owed_stamp_gives_back_the_card_less_the_stamp()
    {
        var member = TestMember.Enrolled(new RulesBuilder().Promotion("card", new PunchCardRule(9, new ItemScope([], ["coffee"]))).Rules);
        var first = member.Buy(new Basket().Line("coffee", 9, 300));
        var free = member.Buy(new Basket().Line("coffee", 1, 300));
        member.Return(first.TransactionId, ("coffee", 1));

        var ret = member.ReturnAll(free);

        // 8 paid coffees kept, none free: 8 of 9.
        Assert.Equal(("card -1->8/9 free -1", 8L), (Show.Cards(ret.PunchCards), member.State.PunchProgress["card"]));
    }

    [Fact]
    public void A_stamp_a_return_written_before_stamps_could_be_owed_carried_is_owed_by_the_next_return_of_that_purchase()
    {
        var member = TestMember.Enrolled(new RulesBuilder().Promotion("card", new PunchCardRule(3, new ItemScope([], ["coffee"]))).Rules);
        var first = member.Buy(new Basket().Line("coffee", 3, 300));
        member.Buy(new Basket().Line("coffee", 1, 300)); // free: the card is at 0
        // As such a return was stored: the card kept at 0, the stamp it could not take back carried on the purchase.
        member.Apply([new ReturnRecorded("ret-old", first.TransactionId, [new ReturnLine("coffee", 1)], 300, 30, 0, null, null, null)
        {
            Reversed = [new PointsComponent(MemberAccount.BaseRateRule, null, 30, "30 points of base-rate reversed")],
            PunchCards = [new PunchCardChange("card", 0, 0, 3, 0) { Carry = -1 }],
            KeptQualifyingMinor = 600,
            FullyReturned = false,
            OccurredAt = member.Now,
            RecordedAt = member.Now,
        }]);

        var ret = member.Return(first.TransactionId, ("coffee", 1));

        // Where returning both coffees at once ends now: two stamps owed.
        Assert.Equal(("card 0->-2/3 free 0", -2L), (Show.Cards(ret.PunchCards), member.State.PunchProgress["card"]));
    }

    [Theory]
    [InlineData(CouponReturnPolicy.RestoreOnFullReturn, true)]
    [InlineData(CouponReturnPolicy.KeepUsed, false)]
    public void Coupon_use_is_given_back_on_a_full_return_only_if_the_program_restores_coupons(CouponReturnPolicy policy, bool restored)
    {
        var program = new RulesBuilder()
            .Earning(new EarningRules { CouponReturn = policy })
            .Promotion("five-off", new CouponRule(500, 0, 0));
        var code = program.IssueCoupons("five-off").Codes[0];
        var member = TestMember.Enrolled(program.Rules);
        var purchase = member.BuyWith(new Basket().Line("a", 1, 1_500).Line("b", 1, 500), program.Coupon(code));

        var partial = member.Return(purchase.TransactionId, ("a", 1));
        var rest = member.Return(purchase.TransactionId, ("b", 1));

        Assert.Equal(("", ""), (string.Join(",", partial.CouponsReleased), string.Join(",", partial.PromotionsReleased)));
        Assert.Equal(
            restored ? (code, "five-off", 0) : ("", "", 1),
            (string.Join(",", rest.CouponsReleased), string.Join(",", rest.PromotionsReleased), member.State.PromotionUses["five-off"]));
        Assert.Equal((1_125L, 375L), (partial.RefundMinor, rest.RefundMinor)); // what was paid, after the coupon
    }

    [Fact]
    public void Promotion_use_is_given_back_on_a_full_return_and_not_on_a_partial_one()
    {
        var member = TestMember.Enrolled(new RulesBuilder().Promotion("double", new BonusMultiplierRule(200, ItemScope.AllItems), usageLimitPerMember: 1).Rules);
        var first = member.Buy(new Basket().Line("a", 2, 1_000));
        member.Return(first.TransactionId, ("a", 1));
        Assert.False(member.Buy(new Basket().Line("a", 1, 1_000)).Used("double"));

        var ret = member.Return(first.TransactionId, ("a", 1));

        Assert.Equal(("base-rate=100; promotion:double=100", "double"), (Show.Components(ret.Reversed), string.Join(",", ret.PromotionsReleased)));
        Assert.True(member.Buy(new Basket().Line("a", 1, 1_000)).Used("double"));
    }

    [Fact]
    public void Multiplier_bonus_is_reversed_line_by_line()
    {
        var member = TestMember.Enrolled(new RulesBuilder().Promotion("double", new BonusMultiplierRule(200, new ItemScope(["coffee"], []))).Rules);
        var purchase = member.Buy(new Basket().Line("espresso", 1, 1_000, "coffee").Line("tea", 1, 1_000, "tea"));

        Assert.Equal("base-rate=100", Show.Components(member.Return(purchase.TransactionId, ("tea", 1)).Reversed));
        Assert.Equal("base-rate=100; promotion:double=100", Show.Components(member.Return(purchase.TransactionId, ("espresso", 1)).Reversed));
    }

    [Fact]
    public void Bogo_discount_is_not_refunded_the_free_item_refunds_nothing()
    {
        var member = TestMember.Enrolled(new RulesBuilder().Promotion("bogo", new BuyOneGetOneRule(100, ItemScope.AllItems)).Rules);
        var purchase = member.Buy(new Basket().Line("a", 1, 1_000).Line("b", 1, 600));

        var ret = member.Return(purchase.TransactionId, ("b", 1));

        Assert.Equal((0L, 0L), (ret.RefundMinor, ret.Points));
    }
}
