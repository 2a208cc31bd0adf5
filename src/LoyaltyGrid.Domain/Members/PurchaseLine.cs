namespace LoyaltyGrid.Domain.Members;

public sealed record PurchaseLine(string Sku, string Category, long Quantity, long UnitPriceMinor)
{
    public long AmountMinor => Quantity * UnitPriceMinor;
}
