using System.Globalization;
using System.Text;

namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// A settlement as CSV (RFC 4180) for the partners' and the operator's accounting. Byte-for-byte stable: fixed
/// columns in a fixed order, one header line, invariant culture, integer minor units (no decimal point to
/// localise), UTC timestamps with seven fractional digits, "\n" after every line. The same report always gives the
/// same text, so a file can be checked against a recomputation with a plain byte comparison.
/// </summary>
public static class SettlementCsv
{
    public const string Header =
        "program_id,currency,period_start,period_end,party,merchant_id," +
        "points_issued,points_reversed,points_written_off,points_redeemed,points_expired,points_reinstated,liability_change_points," +
        "issue_charge_minor,return_credit_minor,reimbursement_minor,owed_minor,due_minor,liability_change_minor,operator_result_minor,net_minor";

    /// <summary>The header, one row per partner (by merchant id), the operator's row, then the totals row.</summary>
    public static string Write(SettlementReport report)
    {
        var csv = new StringBuilder();
        csv.Append(Header).Append('\n');
        var prefix = string.Join(',', Field(report.ProgramId), Field(report.Currency), Time(report.PeriodStart), Time(report.PeriodEnd));
        foreach (var line in report.Lines())
        {
            csv.Append(prefix).Append(',')
                .Append(line.Party switch
                {
                    SettlementParty.Partner => "partner",
                    SettlementParty.Operator => "operator",
                    _ => "total",
                })
                .Append(',').Append(Field(line.MerchantId ?? ""));
            foreach (var value in (long[])
            [
                line.PointsIssued, line.PointsReversed, line.PointsWrittenOff, line.PointsRedeemed, line.PointsExpired,
                line.PointsReinstated, line.LiabilityChangePoints, line.IssueChargeMinor, line.ReturnCreditMinor,
                line.ReimbursementMinor, line.OwedMinor, line.DueMinor, line.LiabilityChangeMinor, line.OperatorResultMinor,
                line.NetMinor,
            ])
            {
                csv.Append(',').Append(value.ToString(CultureInfo.InvariantCulture));
            }
            csv.Append('\n');
        }
        return csv.ToString();
    }

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Quoted only when it must be (ids never need it), with quotes doubled.</summary>
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
