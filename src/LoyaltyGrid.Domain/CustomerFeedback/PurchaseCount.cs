namespace LoyaltyGrid.Domain.CustomerFeedback;

/// <summary>Purchases (not imported history) of one UTC day at one store, the denominator of the response rate.</summary>
public sealed record PurchaseCount(DateOnly Day, string MerchantId, string StoreId, long Purchases);
