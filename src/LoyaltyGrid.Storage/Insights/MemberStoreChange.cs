namespace LoyaltyGrid.Storage.Insights;

/// <summary>Purchases a batch adds to one member at one store ("" for a merchant or store an imported purchase left out).</summary>
public sealed record MemberStoreChange(
    string ProgramId,
    string MemberId,
    string MerchantId,
    string StoreId,
    long Purchases,
    long SpendMinor,
    DateTimeOffset FirstPurchaseAt,
    DateTimeOffset LastPurchaseAt);
