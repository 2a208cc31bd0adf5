using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.Coalitions;

/// <summary>Checkout in a coalition: one balance, earned at each partner's own rate, spent at any partner, never at a non-partner.</summary>
public sealed class CoalitionCheckoutTests
{
    [Fact]
    public void A_member_earns_at_each_partners_own_rate_and_spends_the_one_balance_at_another_partner()
    {
        var coalition = new CoalitionProgram(withPartners: false)
            .Join(CoalitionProgram.Terms("bakery", 1_000, 900, earnRate: 10))
            .Join(CoalitionProgram.Terms("books", 1_250, 1_100, earnRate: 30));
        var member = TestMember.Enrolled(coalition.Rules);
        member.Now = CoalitionProgram.June;

        var bread = (PurchaseRecorded)member.Handle(member.PurchaseOf(new Basket().Line("bread", 1, 1_000), merchantId: "bakery")).Result;
        var novel = (PurchaseRecorded)member.Handle(member.PurchaseOf(new Basket().Line("novel", 1, 1_000), merchantId: "books")).Result;
        var hold = (RedemptionAuthorized)member.Handle(member.AuthorizationOf(400) with { MerchantId = "bakery" }).Result;

        Assert.Equal((100L, 300L), (bread.Points, novel.Points));
        Assert.Equal(new Balance(Available: 0, Held: 400, LifetimeEarned: 400), member.Balance);
        Assert.Equal("bakery", member.State.Holds[hold.HoldId].MerchantId);
    }

    [Theory]
    [InlineData("florist")]   // never joined
    [InlineData("cafe")]      // left before the purchase
    public void A_merchant_that_is_not_a_partner_at_the_time_can_neither_issue_nor_accept_points(string merchant)
    {
        var coalition = new CoalitionProgram();
        coalition.Program.Now = CoalitionProgram.June;
        coalition.Program.Do(new RemovePartner(coalition.Program.NextRequestId(), CoalitionProgram.ProgramId, CoalitionProgram.Admin, "cafe"));
        var member = TestMember.Enrolled(coalition.Rules);
        member.Now = CoalitionProgram.July;
        member.Handle(member.PurchaseOf(new Basket().Line("bread", 1, 1_000), merchantId: "bakery"));

        Assert.Equal(Refusal.Precondition("NOT_A_PARTNER"),
            member.Refuses(member.PurchaseOf(new Basket().Line("x", 1, 1_000), merchantId: merchant)));
        Assert.Equal(Refusal.Precondition("NOT_A_PARTNER"),
            member.Refuses(member.AuthorizationOf(10) with { MerchantId = merchant }));
    }
}
