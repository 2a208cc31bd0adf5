namespace LoyaltyGrid.Storage.Insights;

/// <summary>
/// A day on which a member made a purchase at one store (UTC calendar day; "" for a merchant or store an imported
/// purchase left out): the purchase days per merchant and store that the filtered program metrics count members from.
/// Only that the day is there is stored (Migrations/010_insights_store_days_presence), so writing one that is there
/// already changes nothing.
/// </summary>
public sealed record MemberStoreDayChange(string ProgramId, string MerchantId, string StoreId, string MemberId, DateOnly Day);
