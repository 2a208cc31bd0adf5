using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>Buy one, get one: qualifying units are paired from the dearest down and the cheaper of each pair is discounted.</summary>
public sealed class BuyOneGetOneTests
{
    /// <summary>"sku:quantity x price, …", every line in category "shoes" unless it is "sock".</summary>
    private static Basket BasketOf(string lines)
    {
        var basket = new Basket();
        foreach (var line in lines.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (sku, rest) = (line.Split(':')[0], line.Split(':')[1]);
            basket.Line(sku, long.Parse(rest.Split('x')[0]), long.Parse(rest.Split('x')[1]), sku == "sock" ? "socks" : "shoes");
        }
        return basket;
    }

    [Theory]
    [InlineData(100, "a:1x1000, b:1x600", "bogo b x1 -600")]                   // the cheaper one free
    [InlineData(50, "a:1x1000, b:1x600", "bogo b x1 -300")]                    // or half price
    [InlineData(50, "a:1x999, b:1x999", "bogo b x1 -499")]                     // half of an odd price, rounded down
    [InlineData(100, "a:3x1000", "bogo a x1 -1000")]                           // odd count: the third is paid in full
    [InlineData(100, "a:1x1000", "")]                                           // nothing to pair
    [InlineData(100, "a:2x1000, b:1x600, c:1x400", "bogo a x1 -1000; bogo c x1 -400")] // pairs (a, a) and (b, c)
    [InlineData(100, "c:1x400, a:1x1000, b:3x500", "bogo b x2 -1000")]         // pairs (a, b), (b, b), c unpaired; line order does not matter
    [InlineData(100, "a:1x1000, sock:1x900", "")]                              // the socks are out of scope
    public void Cheaper_unit_of_each_pair_is_discounted_across_lines(long percentOff, string lines, string expected)
    {
        var member = TestMember.Enrolled(new RulesBuilder().Promotion("bogo", new BuyOneGetOneRule(percentOff, new ItemScope(["shoes"], []))).Rules);
        var basket = BasketOf(lines);

        var purchase = member.Buy(basket);

        Assert.Equal(expected, Show.Discounts(purchase.Discounts));
        var discount = purchase.Discounts.Sum(d => d.AmountMinor);
        Assert.Equal((basket.TotalMinor - discount, (basket.TotalMinor - discount) / 10), (purchase.LineNetMinor.Sum(), purchase.Points));
        Assert.Equal(discount > 0, purchase.Used("bogo"));
    }
}
