namespace LoyaltyGrid.Domain.Insights;

/// <summary>
/// What a program owes its members in points, what that is worth, and how much of it is expected never to be redeemed
/// (breakage). Points and money are exact integers; only <see cref="BreakageRate"/> is a double, for display.
/// <para>
/// <b>Breakage method.</b> The journal does not say which earning a redemption spent, so the program's points are taken
/// as one first-in-first-out pool, month by month: a month's earnings join the pool as that month's cohort; then its
/// expired points, then its redeemed points, are taken from the oldest cohorts that have points left (expiry and
/// redemption both spend the oldest lots first), and its reversed points from the newest (a return takes back the
/// points of a recent purchase). An outflow larger than the pool (a negative balance) is charged to the newest cohort.
/// A cohort with nothing left is <i>closed</i>: its history is complete. The breakage rate is
/// expired / (expired + redeemed) over the closed cohorts; while none is closed (or the closed ones neither expired nor
/// redeemed anything) it is taken over every cohort's outflows so far, and with no outflow at all it is 0 (no breakage
/// assumed: the full liability). The rate is applied as the exact fraction: the outstanding points expected to be
/// redeemed are ⌊outstanding × redeemed / (expired + redeemed)⌋.
/// </para>
/// <para>
/// <b>Value.</b> L = ⌊points × v / 1000⌋ (toward −∞), v in minor units per 1000 points, as settlement values its liability.
/// </para>
/// </summary>
/// <param name="OutstandingPoints">
/// Earned − redeemed − expired − reversed: every point members hold, available, pending (not yet matured) and held for a
/// redemption not yet captured together.
/// </param>
/// <param name="BreakageFromClosedCohorts">Whether the rate came from closed cohorts (false: from every cohort's outflows so far).</param>
/// <param name="ExpectedRedeemedPoints">The outstanding points expected to be redeemed: the liability after breakage, in points.</param>
public sealed record PointsLiability(
    string Currency,
    long OutstandingPoints,
    long ValueMinorPerThousandPoints,
    long LiabilityMinor,
    long BreakageExpiredPoints,
    long BreakageRedeemedPoints,
    double BreakageRate,
    int ClosedCohorts,
    bool BreakageFromClosedCohorts,
    long ExpectedRedeemedPoints,
    long ExpectedLiabilityMinor,
    IReadOnlyList<EarningCohort> Cohorts)
{
    private const int PerThousand = 1000;

    /// <param name="months">The program's flows per month, oldest first.</param>
    /// <param name="currency">ISO 4217 code of the value.</param>
    public static PointsLiability Compute(
        IEnumerable<(DateOnly Month, long Earned, long Redeemed, long Expired, long Reversed)> months, long valueMinorPerThousandPoints,
        string currency)
    {
        var cohorts = new List<Cohort>();
        foreach (var month in months)
        {
            var cohort = new Cohort(month.Month) { Earned = month.Earned, Left = month.Earned };
            cohorts.Add(cohort);
            Take(cohorts, month.Expired, oldestFirst: true, (c, n) => c.Expired += n);
            Take(cohorts, month.Redeemed, oldestFirst: true, (c, n) => c.Redeemed += n);
            Take(cohorts, month.Reversed, oldestFirst: false, (c, n) => c.Reversed += n);
        }
        var rows = cohorts.Select(c => new EarningCohort(c.Month, c.Earned, c.Redeemed, c.Expired, c.Reversed, c.Left,
            c.Left == 0 && c.Earned > 0)).ToArray();
        var closed = rows.Where(c => c.Closed).ToArray();
        var fromClosed = closed.Sum(c => c.Expired + c.Redeemed) > 0;
        var basis = fromClosed ? closed : rows;
        long expired = 0, redeemed = 0, outstanding = 0;
        foreach (var c in basis)
        {
            expired = checked(expired + c.Expired);
            redeemed = checked(redeemed + c.Redeemed);
        }
        foreach (var c in rows)
        {
            outstanding = checked(outstanding + c.Outstanding);
        }
        var resolved = checked(expired + redeemed);
        var expectedRedeemed = resolved == 0 ? outstanding : checked((long)FloorDivide((Int128)outstanding * redeemed, resolved));
        return new PointsLiability(
            currency, outstanding, valueMinorPerThousandPoints, Value(outstanding, valueMinorPerThousandPoints), expired, redeemed,
            resolved == 0 ? 0 : (double)expired / resolved, closed.Length, fromClosed, expectedRedeemed,
            Value(expectedRedeemed, valueMinorPerThousandPoints), rows);
    }

    /// <summary>⌊points × v / 1000⌋, toward −∞.</summary>
    private static long Value(long points, long valuePerThousand) => checked((long)FloorDivide((Int128)points * valuePerThousand, PerThousand));

    private static Int128 FloorDivide(Int128 value, Int128 divisor)
    {
        var quotient = value / divisor;
        return value % divisor != 0 && (value < 0) != (divisor < 0) ? quotient - 1 : quotient;
    }

    /// <summary>Takes <paramref name="points"/> from the cohorts with points left, oldest or newest first; any excess from the newest.</summary>
    private static void Take(List<Cohort> cohorts, long points, bool oldestFirst, Action<Cohort, long> record)
    {
        var left = points;
        for (var i = 0; i < cohorts.Count && left > 0; i++)
        {
            var cohort = cohorts[oldestFirst ? i : cohorts.Count - 1 - i];
            var taken = Math.Min(left, Math.Max(0, cohort.Left));
            if (taken > 0)
            {
                cohort.Left -= taken;
                record(cohort, taken);
                left -= taken;
            }
        }
        if (left != 0)
        {
            var newest = cohorts[^1];
            newest.Left = checked(newest.Left - left);
            record(newest, left);
        }
    }

    private sealed class Cohort(DateOnly month)
    {
        public DateOnly Month { get; } = month;
        public long Earned { get; init; }
        public long Left { get; set; }
        public long Redeemed { get; set; }
        public long Expired { get; set; }
        public long Reversed { get; set; }
    }
}
