namespace LoyaltyGrid.Domain.Members;

/// <summary>One purchase of a member's history in another system, as ImportPurchaseHistory receives it.</summary>
/// <param name="OccurredAt">When the purchase happened; null when the message left it out.</param>
/// <param name="Currency">Null or empty: the program's.</param>
/// <param name="CountTowardsTiers">Asked for by the import; not supported yet (refused).</param>
/// <param name="AwardPoints">Asked for by the import; not supported yet (refused).</param>
public sealed record ImportHistoricalPurchase(
    string ImportId,
    string ProgramId,
    string MemberId,
    string PurchaseId,
    DateTimeOffset? OccurredAt,
    long AmountMinor,
    string? Currency,
    string? MerchantId,
    string? StoreId,
    bool CountTowardsTiers,
    bool AwardPoints);
