namespace LoyaltyGrid.Storage.Insights;

/// <summary>
/// Purchases a batch adds to one member's day at one store (UTC calendar day; "" for a merchant or store an imported
/// purchase left out): the purchase days per merchant and store that the filtered program metrics count members from.
/// </summary>
public sealed record MemberStoreDayChange(
    string ProgramId, string MerchantId, string StoreId, string MemberId, DateOnly Day, long Purchases, long SpendMinor);
