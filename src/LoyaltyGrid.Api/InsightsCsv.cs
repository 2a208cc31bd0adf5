using System.Globalization;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.Api;

/// <summary>
/// Insights answers as CSV (RFC 4180) for spreadsheets: one header line, fixed columns, invariant culture, "\n" after
/// every line, a field quoted (quotes doubled) when it holds a comma, quote or line break. Days are yyyy-MM-dd (UTC),
/// counts, points and money integers, rates in round-trip notation. A matrix is written long (one row per cell), so
/// every report is one table.
/// </summary>
public static class InsightsCsv
{
    public const string MetricsHeader =
        "program_id,period_start,period_end,merchant_id,store_id,churn_days,members,new_members,active_members,repeat_members," +
        "churned_members,purchases,spend_minor,points_earned,points_redeemed,points_expired,average_order_value_minor," +
        "repeat_purchase_rate,purchase_frequency,redemption_rate";

    public const string CohortsHeader = "program_id,basis,cohort_month,members,months_after,retained,share";

    public const string LiabilityHeader =
        "program_id,currency,value_minor_per_thousand_points,row,month_start,earned,redeemed,expired,reversed,outstanding_points," +
        "closed,liability_minor,breakage_rate,expected_redeemed_points,expected_liability_minor";

    public static string Metrics(GetProgramMetricsRequest request, GetProgramMetricsResponse m) => Table(MetricsHeader,
    [
        [
            request.ProgramId, Day(request.PeriodStart), Day(request.PeriodEnd), request.MerchantId, request.StoreId, Int(m.ChurnDays),
            Int(m.Members), Int(m.NewMembers), Int(m.ActiveMembers), Int(m.RepeatMembers), Int(m.ChurnedMembers), Int(m.Purchases),
            Int(m.SpendMinor), Int(m.PointsEarned), Int(m.PointsRedeemed), Int(m.PointsExpired), Rate(m.AverageOrderValueMinor),
            Rate(m.RepeatPurchaseRate), Rate(m.PurchaseFrequency), Rate(m.RedemptionRate),
        ],
    ]);

    /// <summary>One row per cohort and month after (a cohort with no month observed yet: none).</summary>
    public static string Cohorts(GetRetentionCohortsRequest request, GetRetentionCohortsResponse c) => Table(CohortsHeader,
        c.Cohorts.SelectMany(row => row.Retained.Select((retained, k) => (string[])
        [
            request.ProgramId, c.Basis == CohortBasis.FirstPurchase ? "first_purchase" : "enrolment", Day(row.MonthStart),
            Int(row.Members), Int(k), Int(retained), Rate(row.Share[k]),
        ])));

    /// <summary>One row per earning month (row "cohort"), then the program's (row "total") with the value and breakage.</summary>
    public static string Liability(GetPointsLiabilityRequest request, GetPointsLiabilityResponse l)
    {
        string[] Prefix() => [request.ProgramId, l.Currency, Int(l.ValueMinorPerThousandPoints)];
        var rows = l.Cohorts.Select(c => (string[])
        [
            .. Prefix(), "cohort", Day(c.MonthStart), Int(c.Earned), Int(c.Redeemed), Int(c.Expired), Int(c.Reversed), Int(c.Outstanding),
            c.Closed ? "true" : "false", "", "", "", "",
        ]).ToList();
        rows.Add(
        [
            .. Prefix(), "total", "", Int(l.Cohorts.Sum(c => c.Earned)), Int(l.Cohorts.Sum(c => c.Redeemed)), Int(l.Cohorts.Sum(c => c.Expired)),
            Int(l.Cohorts.Sum(c => c.Reversed)), Int(l.OutstandingPoints), "", Int(l.LiabilityMinor), Rate(l.BreakageRate),
            Int(l.ExpectedRedeemedPoints), Int(l.ExpectedLiabilityMinor),
        ]);
        return Table(LiabilityHeader, rows);
    }

    private static string Table(string header, IEnumerable<string[]> rows)
    {
        var csv = new StringBuilder(header).Append('\n');
        foreach (var row in rows)
        {
            csv.AppendJoin(',', row.Select(Field)).Append('\n');
        }
        return csv.ToString();
    }

    private static string Day(Timestamp? at) => at is null ? "" : at.ToDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Rate(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
