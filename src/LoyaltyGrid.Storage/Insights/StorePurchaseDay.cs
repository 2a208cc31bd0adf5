namespace LoyaltyGrid.Storage.Insights;

/// <summary>Purchases made at one store on one UTC day, imported history left out.</summary>
public sealed record StorePurchaseDay(DateOnly Day, string MerchantId, string StoreId, long Purchases);
