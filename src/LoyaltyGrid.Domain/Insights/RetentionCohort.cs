namespace LoyaltyGrid.Domain.Insights;

/// <summary>
/// One row of a retention matrix: the members whose enrolment (or first purchase) fell in <paramref name="Month"/>
/// (its first day, UTC), and for each month after it (index 0: the cohort's own month) how many of them bought in that
/// month and their share of the cohort (an estimate; 0 for an empty cohort). The row stops at the month being observed
/// (today's, counted so far) or at the requested number of months after, whichever comes first.
/// </summary>
public sealed record RetentionCohort(DateOnly Month, long Members, IReadOnlyList<long> Retained, IReadOnlyList<double> Shares)
{
    /// <summary>
    /// The matrix of the cohort months [<paramref name="fromMonth"/>, <paramref name="untilMonth"/>), every month a row
    /// (an empty cohort too, so rows line up with the calendar), each with months 0 to <paramref name="months"/> after
    /// its own that have begun by <paramref name="today"/>.
    /// </summary>
    public static IReadOnlyList<RetentionCohort> Matrix(
        IEnumerable<(DateOnly Month, long Members)> cohorts,
        IEnumerable<(DateOnly Month, int MonthsAfter, long Members)> cells,
        DateOnly fromMonth, DateOnly untilMonth, int months, DateOnly today)
    {
        var sizes = cohorts.ToDictionary(c => c.Month, c => c.Members);
        var counts = cells.ToDictionary(c => (c.Month, c.MonthsAfter), c => c.Members);
        var todayMonth = new DateOnly(today.Year, today.Month, 1);
        var rows = new List<RetentionCohort>();
        for (var month = fromMonth; month < untilMonth; month = month.AddMonths(1))
        {
            var members = sizes.GetValueOrDefault(month);
            var observed = Math.Min(months, MonthsBetween(month, todayMonth));
            var retained = new List<long>();
            var shares = new List<double>();
            for (var k = 0; k <= observed; k++)
            {
                var count = counts.GetValueOrDefault((month, k));
                retained.Add(count);
                shares.Add(members == 0 ? 0 : (double)count / members);
            }
            rows.Add(new RetentionCohort(month, members, retained, shares));
        }
        return rows;
    }

    private static int MonthsBetween(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month;
}
