namespace LoyaltyGrid.Storage.Insights;

/// <summary>
/// Which purchases program metrics count: at one merchant (null: every merchant), at one of its stores (null: every
/// store; needs a merchant), and how many days without a purchase make a member churned.
/// </summary>
public sealed record MetricsFilter(string? MerchantId, string? StoreId, int ChurnDays);
