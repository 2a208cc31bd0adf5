namespace LoyaltyGrid.Domain.Programs;

/// <summary>A merchant's (or, with <see cref="StoreId"/>, one store's) own base rate.</summary>
public sealed record LocationRate(string MerchantId, string? StoreId, long PointsPerCurrencyUnit);
