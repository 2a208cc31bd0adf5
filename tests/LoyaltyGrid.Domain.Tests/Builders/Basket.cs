using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain.Tests.Builders;

/// <summary>Purchase lines, written the way a receipt reads: <c>new Basket().Line("sku", 2, 1999)</c>.</summary>
public sealed class Basket
{
    private readonly List<PurchaseLine> lines = [];

    public IReadOnlyList<PurchaseLine> Lines => lines;

    public long TotalMinor => lines.Sum(line => line.AmountMinor);

    public Basket Line(string sku, long quantity, long unitPriceMinor, string category = "general")
    {
        lines.Add(new PurchaseLine(sku, category, quantity, unitPriceMinor));
        return this;
    }

    public Basket Line(string sku, long quantity, long unitPriceMinor, string category, params string[] labels)
    {
        lines.Add(new PurchaseLine(sku, category, quantity, unitPriceMinor) { Labels = labels });
        return this;
    }

    /// <summary>A delivery or shipping charge.</summary>
    public Basket Delivery(string sku, long unitPriceMinor)
    {
        lines.Add(new PurchaseLine(sku, "shipping", 1, unitPriceMinor) { Delivery = true });
        return this;
    }

    /// <summary><paramref name="count"/> valid lines with distinct skus.</summary>
    public static Basket WithLines(int count)
    {
        var basket = new Basket();
        for (var i = 0; i < count; i++)
        {
            basket.Line($"sku-{i}", 1, 100);
        }
        return basket;
    }
}
