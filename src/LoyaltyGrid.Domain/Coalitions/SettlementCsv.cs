using System.Globalization;
using System.Text;
using LoyaltyGrid.Domain.Rewards;

namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// A settlement as CSV (RFC 4180) for the partners' and the operator's accounting. Byte-for-byte stable: fixed
/// columns in a fixed order, one header line, invariant culture, integer minor units (no decimal point to
/// localise), UTC timestamps with seven fractional digits, "\n" after every line. The same report always gives the
/// same text, so a file can be checked against a recomputation with a plain byte comparison. Columns are only ever
/// added in a new version, and every version stays available: version 1 (the first release's 21 columns) is what a
/// caller that names no version gets, so its files never change; version 2 adds the reward redemption counts; version
/// 3 adds the partner referral fees and their counts (which net_minor, in every version, includes).
/// </summary>
public static class SettlementCsv
{
    public const int FirstVersion = 1;
    public const int LatestVersion = 3;

    public const string Header =
        "program_id,currency,period_start,period_end,party,merchant_id," +
        "points_issued,points_reversed,points_written_off,points_redeemed,points_expired,points_reinstated,liability_change_points," +
        "issue_charge_minor,return_credit_minor,reimbursement_minor,owed_minor,due_minor,liability_change_minor,operator_result_minor,net_minor";

    /// <summary>Version 2's columns after <see cref="Header"/>'s.</summary>
    public const string RewardColumns = ",reward_redemptions,reward_points_redeemed";

    /// <summary>Version 3's columns after version 2's.</summary>
    public const string ReferralFeeColumns = ",referral_fees_earned_minor,referral_fees_owed_minor,referrals_earned,referrals_owed";

    /// <summary>Version 1: the report's own columns.</summary>
    public static string Write(SettlementReport report) => Write(report, [], FirstVersion);

    /// <summary>
    /// The header, one row per partner (by merchant id), the operator's row, then the totals row. From version 2 two
    /// more columns count the period's <paramref name="rewards"/> of the row's party
    /// (<see cref="RewardRedemptionUsage.ForLine"/>): counts only, they move no money. From version 3 four more give the
    /// row's partner referral fees earned and owed (minor units) and their counts.
    /// </summary>
    public static string Write(SettlementReport report, IReadOnlyList<RewardRedemptionUsage> rewards, int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, FirstVersion);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(version, LatestVersion);
        var csv = new StringBuilder();
        csv.Append(Header);
        if (version >= 2)
        {
            csv.Append(RewardColumns);
        }
        if (version >= 3)
        {
            csv.Append(ReferralFeeColumns);
        }
        csv.Append('\n');
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
            if (version >= 2)
            {
                var (redemptions, points) = RewardRedemptionUsage.ForLine(rewards, line.Party, line.MerchantId);
                csv.Append(',').Append(redemptions.ToString(CultureInfo.InvariantCulture))
                    .Append(',').Append(points.ToString(CultureInfo.InvariantCulture));
            }
            if (version >= 3)
            {
                foreach (var value in (long[])[line.ReferralFeesEarnedMinor, line.ReferralFeesOwedMinor, line.ReferralsEarned, line.ReferralsOwed])
                {
                    csv.Append(',').Append(value.ToString(CultureInfo.InvariantCulture));
                }
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
