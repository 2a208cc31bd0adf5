namespace LoyaltyGrid.Storage.Insights;

/// <summary>Which feedback (and purchases) a feedback query reads: one merchant, one of its stores, UTC days [From, Until); null: any.</summary>
public sealed record FeedbackFilter(string? MerchantId, string? StoreId, DateOnly? From, DateOnly? Until);
