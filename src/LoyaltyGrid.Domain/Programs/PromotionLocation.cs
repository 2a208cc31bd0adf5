namespace LoyaltyGrid.Domain.Programs;

/// <summary>A merchant where a promotion applies, or (with <see cref="StoreId"/>) one store of it.</summary>
public sealed record PromotionLocation(string MerchantId, string? StoreId)
{
    public bool Includes(string merchantId, string storeId) => MerchantId == merchantId && (StoreId is null || StoreId == storeId);
}
