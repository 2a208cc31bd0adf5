namespace LoyaltyGrid.Domain.Insights;

/// <summary>
/// A program's figures over a period: counts and sums as the projection has them, and the rates derived from them
/// (estimates; 0 when their denominator is 0).
/// </summary>
/// <param name="AverageOrderValueMinor">Spend per purchase.</param>
/// <param name="RepeatPurchaseRate">Of the members who bought in the period, the share who bought on two days or more.</param>
/// <param name="PurchaseFrequency">Purchases per member who bought.</param>
/// <param name="RedemptionRate">Points redeemed per point earned in the period.</param>
public sealed record ProgramMetrics(
    long Members,
    long NewMembers,
    long ActiveMembers,
    long RepeatMembers,
    long Purchases,
    long SpendMinor,
    long PointsEarned,
    long PointsRedeemed,
    long PointsExpired,
    double AverageOrderValueMinor,
    double RepeatPurchaseRate,
    double PurchaseFrequency,
    double RedemptionRate)
{
    public static ProgramMetrics From(long members, long newMembers, long active, long repeat, long purchases, long spendMinor,
        long earned, long redeemed, long expired) => new(
        members, newMembers, active, repeat, purchases, spendMinor, earned, redeemed, expired,
        Ratio(spendMinor, purchases), Ratio(repeat, active), Ratio(purchases, active), Ratio(redeemed, earned));

    /// <summary>Members who bought before the last <see cref="ChurnDays"/> days of the period and not in them.</summary>
    public long ChurnedMembers { get; init; }

    public int ChurnDays { get; init; }

    /// <summary>The staff view: enrolments per till, ordered by merchant, store, terminal.</summary>
    public IReadOnlyList<TillEnrolments> Staff { get; init; } = [];

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
