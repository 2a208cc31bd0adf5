using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>Punch cards: every qualifying unit bought is a stamp; a full card makes the next qualifying unit free.</summary>
public sealed class PunchCardTests
{
    private const long CoffeePrice = 300; // 3.00 EUR, 30 points

    private static TestMember MemberWithCard(int required = 3, ItemScope? scope = null) =>
        TestMember.Enrolled(new RulesBuilder().Promotion("card", new PunchCardRule(required, scope ?? new ItemScope([], ["coffee"]))).Rules);

    [Theory]
    // stamps before, coffees bought, free, stamps after
    [InlineData(0, 1, 0, 1)]
    [InlineData(0, 3, 0, 3)]  // a full card: nothing free yet
    [InlineData(0, 4, 1, 0)]  // 3 stamps, the 4th free
    [InlineData(0, 7, 1, 3)]  // 3 stamps, 1 free, 3 stamps: the card is full again
    [InlineData(0, 8, 2, 0)]
    [InlineData(2, 1, 0, 3)]
    [InlineData(2, 2, 1, 0)]  // one stamp fills the card, the next is free
    [InlineData(3, 1, 1, 0)]  // a full card: the next coffee is free
    [InlineData(3, 4, 1, 3)]
    [InlineData(3, 5, 2, 0)]
    public void A_full_card_makes_the_next_unit_free_and_starts_over(int before, int quantity, int free, int after)
    {
        var member = MemberWithCard();
        if (before > 0)
        {
            member.Buy(new Basket().Line("coffee", before, CoffeePrice));
        }

        var purchase = member.Buy(new Basket().Line("coffee", quantity, CoffeePrice));

        Assert.Equal($"card {before}->{after}/3 free {free}", Show.Cards(purchase.PunchCards));
        Assert.Equal([new PunchLine("card", "coffee", quantity - free, free)], purchase.PunchLines);
        Assert.Equal(free > 0 ? $"card coffee x{free} -{free * CoffeePrice}" : "", Show.Discounts(purchase.Discounts));
        Assert.Equal(((quantity - free) * CoffeePrice, (quantity - free) * 30L), (purchase.LineNetMinor[0], purchase.Points));
        Assert.Equal(after, member.State.PunchProgress["card"]);
        Assert.Equal(free > 0, purchase.Used("card"));
    }

    [Fact]
    public void Three_coffees_fill_the_card_and_the_overview_shows_it()
    {
        var member = MemberWithCard();

        member.Buy(new Basket().Line("coffee", 3, CoffeePrice));

        Assert.Equal("card 3->3/3 free 0", Show.Cards(MemberOverview.Of(member.State, member.Rules, member.Now).PunchCards));
        var next = member.Buy(new Basket().Line("coffee", 1, CoffeePrice).Line("cake", 1, 450, "bakery"));
        Assert.Equal(("card coffee x1 -300", "card 3->0/3 free 1", 45L), (Show.Discounts(next.Discounts), Show.Cards(next.PunchCards), next.Points));
        Assert.Equal("card 0->0/3 free 0", Show.Cards(MemberOverview.Of(member.State, member.Rules, member.Now).PunchCards));
    }

    [Fact]
    public void Items_out_of_scope_neither_stamp_nor_come_free()
    {
        var member = MemberWithCard();

        var purchase = member.Buy(new Basket().Line("tea", 5, 250));

        Assert.Equal(("", "", 0), (Show.Cards(purchase.PunchCards), Show.Discounts(purchase.Discounts), member.State.PunchProgress.Count));
    }

    [Fact]
    public void Stamps_carry_over_from_one_line_to_the_next()
    {
        var member = MemberWithCard(scope: new ItemScope(["coffee"], []));

        var purchase = member.Buy(new Basket().Line("espresso", 2, 300, "coffee").Line("latte", 2, 400, "coffee"));

        Assert.Equal(
            ("card 0->0/3 free 1", "card latte x1 -400"),
            (Show.Cards(purchase.PunchCards), Show.Discounts(purchase.Discounts)));
        Assert.Equal([new PunchLine("card", "espresso", 2, 0), new PunchLine("card", "latte", 1, 1)], purchase.PunchLines);
    }
}
