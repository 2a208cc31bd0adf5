namespace LoyaltyGrid.Storage.Insights;

/// <summary>One member as the insights projection knows them.</summary>
/// <param name="EnrolledAt">When the member enrolled (or joined the system they were imported from).</param>
/// <param name="Purchases">Purchases, till and imported; <paramref name="ImportedPurchases"/> of them imported.</param>
/// <param name="SpendMinor">What the purchases cost after their discounts, before later returns.</param>
/// <param name="ReturnedMinor">Refunded by returns.</param>
/// <param name="PointsEarned">Earned by purchases, opening balances and reinstatements.</param>
/// <param name="TierId">The member's tier as last seen (null: none).</param>
public sealed record MemberFacts(
    string ProgramId,
    string MemberId,
    DateTimeOffset? EnrolledAt,
    DateTimeOffset? FirstPurchaseAt,
    DateTimeOffset? LastPurchaseAt,
    long Purchases,
    long ImportedPurchases,
    long SpendMinor,
    long Returns,
    long ReturnedMinor,
    long PointsEarned,
    long PointsRedeemed,
    long PointsExpired,
    long PointsReversed,
    string? TierId,
    long PurchaseDays);
