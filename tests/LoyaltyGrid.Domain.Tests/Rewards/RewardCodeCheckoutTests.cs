using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Rewards;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.Rewards;

/// <summary>A reward code sent with a purchase, priced by <see cref="PurchasePricer"/> like a coupon.</summary>
public sealed class RewardCodeCheckoutTests
{
    private readonly TestMember member = TestMember.Enrolled(new RulesBuilder().Rules);

    private CouponStatus Code(RewardKind kind, long discountMinor = 0, long percent = 0, string? sku = null, string? partner = null,
        bool used = false, bool cancelled = false, string? owner = null, TimeSpan? validFor = null) =>
        new("r.0123456789", null, 0)
        {
            Reward = new RewardCodeStatus(new RewardCode("r.0123456789", "r", "Reward", owner ?? member.MemberId, kind, sku, discountMinor, percent,
                partner, member.Now.AddDays(-1), member.Now + (validFor ?? TimeSpan.FromDays(1))), used, cancelled),
        };

    private CouponOutcome Outcome(CouponStatus code, Basket? basket = null, string merchant = "merchant-1")
    {
        var purchase = member.PurchaseOf(basket ?? new Basket().Line("sku-1", 2, 1_000), coupons: ["r.0123456789"], merchantId: merchant);
        return Assert.Single(((PurchaseRecorded)member.Handle(purchase, [code]).Result).Coupons);
    }

    [Fact]
    public void Each_kind_takes_off_what_it_grants()
    {
        var fixedOff = Outcome(Code(RewardKind.FixedDiscount, discountMinor: 500));
        var tooMuch = Outcome(Code(RewardKind.FixedDiscount, discountMinor: 5_000));
        var percent = Outcome(Code(RewardKind.PercentageDiscount, percent: 15));
        var product = Outcome(Code(RewardKind.FreeProduct, sku: "sku-1"));
        var service = Outcome(Code(RewardKind.PartnerService, partner: "merchant-1"));

        Assert.Equal((true, 500L, "reward:r"), (fixedOff.Accepted, fixedOff.DiscountMinor, fixedOff.PromotionId));
        Assert.Equal((true, 2_000L), (tooMuch.Accepted, tooMuch.DiscountMinor));
        Assert.Equal((true, 300L), (percent.Accepted, percent.DiscountMinor));
        Assert.Equal((true, 1_000L), (product.Accepted, product.DiscountMinor));
        Assert.Equal((true, 0L), (service.Accepted, service.DiscountMinor));
    }

    [Fact]
    public void A_code_that_cannot_be_used_is_refused_with_its_reason_without_refusing_the_purchase()
    {
        Assert.Equal("COUPON_NOT_YOURS", Outcome(Code(RewardKind.FixedDiscount, 500, owner: "member-2")).Reason);
        Assert.Equal("REWARD_CODE_CANCELLED", Outcome(Code(RewardKind.FixedDiscount, 500, cancelled: true)).Reason);
        Assert.Equal("COUPON_EXPIRED", Outcome(Code(RewardKind.FixedDiscount, 500, validFor: TimeSpan.Zero)).Reason);
        Assert.Equal("COUPON_USED_UP", Outcome(Code(RewardKind.FixedDiscount, 500, used: true)).Reason);
        Assert.Equal("REWARD_CODE_OTHER_MERCHANT", Outcome(Code(RewardKind.FixedDiscount, 500, partner: "merchant-2")).Reason);
        Assert.Equal("REWARD_NOT_FOR_CHECKOUT", Outcome(Code(RewardKind.CharityDonation)).Reason);
        Assert.Equal("REWARD_PRODUCT_NOT_IN_BASKET", Outcome(Code(RewardKind.FreeProduct, sku: "sku-9")).Reason);
    }
}
