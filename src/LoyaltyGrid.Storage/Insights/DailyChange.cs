namespace LoyaltyGrid.Storage.Insights;

/// <summary>
/// What a batch adds to one day of one store (UTC calendar day). Facts that belong to no store (enrolments, expiry,
/// reinstatements, captures without a store) are on merchant and store "" or store "": per merchant and per program
/// figures are sums over these rows.
/// </summary>
public sealed record DailyChange(string ProgramId, DateOnly Day, string MerchantId, string StoreId)
{
    public long Purchases { get; init; }

    /// <summary>Purchases of <see cref="Purchases"/> brought by ImportPurchaseHistory, not made at a till.</summary>
    public long ImportedPurchases { get; init; }

    public long SpendMinor { get; init; }

    public long Returns { get; init; }

    public long ReturnedMinor { get; init; }

    public long PointsEarned { get; init; }

    public long PointsRedeemed { get; init; }

    public long PointsExpired { get; init; }

    public long PointsReversed { get; init; }

    public long Enrolments { get; init; }
}
