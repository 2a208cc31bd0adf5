namespace LoyaltyGrid.Storage.Insights;

/// <summary>What a batch adds to one till's day (UTC) in the staff view: the merchant, store and terminal an enrolment named ("" for none).</summary>
public sealed record StaffDayChange(string ProgramId, DateOnly Day, string MerchantId, string StoreId, string TerminalId, long Enrolments);
