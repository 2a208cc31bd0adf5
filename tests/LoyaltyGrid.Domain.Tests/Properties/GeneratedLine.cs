namespace LoyaltyGrid.Domain.Tests.Properties;

/// <summary>A generated basket line; the sku is an index so that baskets share skus now and then.</summary>
public sealed record GeneratedLine(int Sku, long Quantity, long UnitPriceMinor)
{
    public string SkuName => $"sku-{Sku}";

    public override string ToString() => $"{Quantity}x{SkuName}@{UnitPriceMinor}";
}
