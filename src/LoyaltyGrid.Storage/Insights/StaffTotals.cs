namespace LoyaltyGrid.Storage.Insights;

/// <summary>One till's figures over a period in the staff view.</summary>
public sealed record StaffTotals(string MerchantId, string StoreId, string TerminalId, long Enrolments, long Feedback);
