namespace LoyaltyGrid.Storage.Insights;

/// <summary>
/// A program's points flows in one UTC month (<paramref name="Month"/>, its first day), by the day of each event:
/// earned (purchases, opening balances, reinstatements), redeemed (captured), expired, reversed (by returns).
/// </summary>
public sealed record MonthlyPoints(DateOnly Month, long Earned, long Redeemed, long Expired, long Reversed);
