using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Tests.Builders;

/// <summary>Steps of the program-rules tests that <see cref="TestMember"/> does not have on its own.</summary>
public static class TestMemberSteps
{
    /// <summary>Moves the clock to <paramref name="at"/> and applies what has fallen due, as the grain's timer does.</summary>
    public static IReadOnlyList<MemberEvent> At(this TestMember member, DateTimeOffset at)
    {
        member.Now = at;
        return member.ApplyDue();
    }

    /// <summary>A purchase now with the coupon codes of <paramref name="coupons"/>, the coupon service knowing what they say.</summary>
    public static PurchaseRecorded BuyWith(this TestMember member, Basket basket, params CouponStatus[] coupons) =>
        (PurchaseRecorded)member.Handle(member.PurchaseOf(basket, coupons: coupons.Select(c => c.Code).ToArray()), coupons).Result;

    public static PurchaseRecorded BuyAt(this TestMember member, Basket basket, string merchantId, string storeId) =>
        (PurchaseRecorded)member.Handle(member.PurchaseOf(basket, merchantId: merchantId, storeId: storeId)).Result;

    /// <summary>The whole purchase back in one return.</summary>
    public static ReturnRecorded ReturnAll(this TestMember member, PurchaseRecorded purchase) =>
        member.Return(purchase.TransactionId, purchase.Lines.Select(l => (l.Sku, l.Quantity)).ToArray());

    public static ReinstateMemberPoints ReinstatementOf(this TestMember member, DateTimeOffset? expiredFrom = null,
        DateTimeOffset? expiredUntil = null, string reason = "goodwill") =>
        new(member.NextRequestId(), TestMember.ProgramId, member.MemberId, RulesBuilder.Admin, expiredFrom, expiredUntil, reason);

    /// <summary>The member's statement so far: every ledger line of every applied event.</summary>
    public static IReadOnlyList<LedgerEntry> Statement(this TestMember member) =>
        member.Journal.SelectMany(j => LedgerEntry.From(j.Sequence, j.Event)).ToArray();

    /// <summary>Whether <paramref name="promotionId"/> gave the purchase anything.</summary>
    public static bool Used(this PurchaseRecorded purchase, string promotionId) => purchase.PromotionsUsed.Contains(promotionId);

    public static ProgramRules With(this ProgramRules rules, ExpiryPolicy expiry) => rules with { Expiry = expiry };
}
