namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// Kept purchases of one calendar month (UTC) older than any rule looks back: folded so a member with years of
/// history costs what a member with months does. They still count as purchases (first-purchase, lapsed targeting).
/// </summary>
/// <param name="Month">Year × 12 + month − 1.</param>
public sealed record MonthTotals(int Month, long Purchases, long QualifyingMinor, long Points)
{
    public static int MonthOf(DateTimeOffset at) => at.UtcDateTime.Year * 12 + at.UtcDateTime.Month - 1;
}
