namespace LoyaltyGrid.Domain.Insights;

/// <summary>A member's historic value (what the insights projection summed) and, with a model, their forecast.</summary>
public sealed record MemberValue(
    long Purchases,
    long PurchaseDays,
    long SpendMinor,
    long ReturnedMinor,
    DateTimeOffset? FirstPurchaseAt,
    DateTimeOffset? LastPurchaseAt,
    long PointsEarned,
    long PointsRedeemed,
    long PointsExpired,
    CustomerSummary? Summary,
    MemberForecast? Forecast);
