namespace LoyaltyGrid.Storage.Insights;

/// <summary>Purchases a batch adds to one member's day (UTC calendar day of occurred_at).</summary>
public sealed record MemberDayChange(string ProgramId, string MemberId, DateOnly Day, long Purchases, long SpendMinor);
