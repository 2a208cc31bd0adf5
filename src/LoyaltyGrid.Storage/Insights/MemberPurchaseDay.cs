namespace LoyaltyGrid.Storage.Insights;

/// <summary>A day on which a member bought: one purchase occasion, with the purchases of that day and what they spent (minor units).</summary>
public sealed record MemberPurchaseDay(string MemberId, DateOnly Day, long Purchases, long SpendMinor);
