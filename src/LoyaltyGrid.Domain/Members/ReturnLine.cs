namespace LoyaltyGrid.Domain.Members;

public sealed record ReturnLine(string Sku, long Quantity);
