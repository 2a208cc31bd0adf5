using LoyaltyGrid.Storage.Insights;
using Microsoft.Data.Sqlite;

namespace LoyaltyGrid.Storage.Sqlite;

/// <summary>The settlement tables of the insights projection (migration 006; referral fee columns, 014).</summary>
public sealed partial class SqliteInsightsStore
{
    private const string FigureColumns =
        "issued, reversed, written_off, redeemed, expired, reinstated, outstanding, issue_value, credit_value, reimbursement_value, " +
        "referral_fees_earned, referral_fees_owed, referrals_earned, referrals_owed";

    public Task<IReadOnlyDictionary<SettlementOriginKey, SettlementOriginRow>> ReadSettlementOriginsAsync(
        IReadOnlyCollection<SettlementOriginKey> keys, CancellationToken cancellationToken) =>
        Task.FromResult(store.Read<IReadOnlyDictionary<SettlementOriginKey, SettlementOriginRow>>(connection =>
        {
            var found = new Dictionary<SettlementOriginKey, SettlementOriginRow>();
            using var command = Command(connection, """
                SELECT merchant_id, price FROM insights_settlement_origins
                WHERE program_id = $program AND member_id = $member AND is_hold = $hold AND id = $id
                """);
            var p = Parameters(command, "$program", "$member", "$hold", "$id");
            foreach (var key in keys)
            {
                Set(p, key.ProgramId, key.MemberId, key.IsHold ? 1 : 0, key.Id);
                using var reader = command.ExecuteReader();
                if (reader.Read())
                {
                    found[key] = new SettlementOriginRow(key, reader.GetString(0), reader.GetInt64(1));
                }
            }
            return found;
        }));

    public Task<IReadOnlyDictionary<string, SettlementFigures>> ReadSettlementSumsAsync(
        string programId, DateTimeOffset before, CancellationToken cancellationToken) =>
        Task.FromResult(store.Read<IReadOnlyDictionary<string, SettlementFigures>>(connection =>
        {
            var day = DateOnly.FromDateTime(before.UtcDateTime);
            using var command = Command(connection, $"""
                SELECT merchant_id, SUM(issued), SUM(reversed), SUM(written_off), SUM(redeemed), SUM(expired), SUM(reinstated),
                    SUM(outstanding), SUM(issue_value), SUM(credit_value), SUM(reimbursement_value),
                    SUM(referral_fees_earned), SUM(referral_fees_owed), SUM(referrals_earned), SUM(referrals_owed)
                FROM (SELECT merchant_id, {FigureColumns} FROM insights_settlement_days WHERE program_id = $program AND day < $day
                      UNION ALL
                      SELECT merchant_id, {FigureColumns} FROM insights_settlement_entries
                      WHERE program_id = $program AND recorded_at >= $midnight AND recorded_at < $before)
                GROUP BY merchant_id
                """);
            command.Parameters.AddWithValue("$program", programId);
            command.Parameters.AddWithValue("$day", Day(day));
            command.Parameters.AddWithValue("$midnight", new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks);
            command.Parameters.AddWithValue("$before", before.UtcTicks);
            using var reader = command.ExecuteReader();
            var sums = new Dictionary<string, SettlementFigures>(StringComparer.Ordinal);
            while (reader.Read())
            {
                sums[reader.GetString(0)] = new SettlementFigures(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
                    reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7),
                    reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10),
                    reader.GetInt64(11), reader.GetInt64(12), reader.GetInt64(13), reader.GetInt64(14));
            }
            return sums;
        }));

    public Task<IReadOnlyList<BenefitUseCount>> ReadBenefitUsesAsync(
        string programId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        Task.FromResult(store.Read<IReadOnlyList<BenefitUseCount>>(connection =>
        {
            using var command = Command(connection, """
                SELECT merchant_id, benefit_id, COUNT(*) FROM insights_benefit_uses
                WHERE program_id = $program AND recorded_at >= $from AND recorded_at < $until
                GROUP BY merchant_id, benefit_id ORDER BY merchant_id, benefit_id
                """);
            command.Parameters.AddWithValue("$program", programId);
            command.Parameters.AddWithValue("$from", from.UtcTicks);
            command.Parameters.AddWithValue("$until", until.UtcTicks);
            using var reader = command.ExecuteReader();
            var uses = new List<BenefitUseCount>();
            while (reader.Read())
            {
                uses.Add(new BenefitUseCount(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            }
            return uses;
        }));

    public Task<IReadOnlyList<RewardRedemptionCount>> ReadRewardRedemptionsAsync(
        string programId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        Task.FromResult(store.Read<IReadOnlyList<RewardRedemptionCount>>(connection =>
        {
            using var command = Command(connection, """
                SELECT partner_id, reward_id, SUM(units), SUM(points) FROM insights_reward_redemptions
                WHERE program_id = $program AND recorded_at >= $from AND recorded_at < $until
                GROUP BY partner_id, reward_id HAVING SUM(units) <> 0 OR SUM(points) <> 0 ORDER BY partner_id, reward_id
                """);
            command.Parameters.AddWithValue("$program", programId);
            command.Parameters.AddWithValue("$from", from.UtcTicks);
            command.Parameters.AddWithValue("$until", until.UtcTicks);
            using var reader = command.ExecuteReader();
            var counts = new List<RewardRedemptionCount>();
            while (reader.Read())
            {
                counts.Add(new RewardRedemptionCount(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
            }
            return counts;
        }));

    public Task<IReadOnlyList<StaffTotals>> ReadStaffAsync(
        string programId, DateOnly from, DateOnly until, MetricsFilter filter, CancellationToken cancellationToken) =>
        Task.FromResult(store.Read<IReadOnlyList<StaffTotals>>(connection =>
        {
            using var command = Command(connection, $"""
                SELECT merchant_id, store_id, terminal_id, SUM(enrolments), SUM(feedback) FROM (
                    SELECT merchant_id, store_id, terminal_id, enrolments, 0 AS feedback FROM insights_staff_days
                    WHERE program_id = $program AND day >= $from AND day < $until
                    UNION ALL
                    SELECT merchant_id, store_id, terminal_id, 0, 1 FROM insights_feedback
                    WHERE program_id = $program AND day >= $from AND day < $until)
                WHERE 1 {(filter.MerchantId is null ? "" : "AND merchant_id = $merchant")} {(filter.StoreId is null ? "" : "AND store_id = $store")}
                GROUP BY merchant_id, store_id, terminal_id ORDER BY merchant_id, store_id, terminal_id
                """);
            command.Parameters.AddWithValue("$program", programId);
            command.Parameters.AddWithValue("$from", Day(from));
            command.Parameters.AddWithValue("$until", Day(until));
            command.Parameters.AddWithValue("$merchant", (object?)filter.MerchantId ?? DBNull.Value);
            command.Parameters.AddWithValue("$store", (object?)filter.StoreId ?? DBNull.Value);
            using var reader = command.ExecuteReader();
            var staff = new List<StaffTotals>();
            while (reader.Read())
            {
                staff.Add(new StaffTotals(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4)));
            }
            return staff;
        }));

    private static void ApplySettlement(SqliteConnection connection, InsightsBatch batch)
    {
        if (batch.SettlementDays.Count > 0)
        {
            using var command = Command(connection, $"""
                INSERT INTO insights_settlement_days (program_id, day, merchant_id, {FigureColumns})
                VALUES ($program, $key, $merchant, $issued, $reversed, $written_off, $redeemed, $expired, $reinstated, $outstanding,
                    $issue_value, $credit_value, $reimbursement_value, $referral_fees_earned, $referral_fees_owed, $referrals_earned, $referrals_owed)
                ON CONFLICT (program_id, day, merchant_id) DO UPDATE SET
                    issued = issued + excluded.issued, reversed = reversed + excluded.reversed,
                    written_off = written_off + excluded.written_off, redeemed = redeemed + excluded.redeemed,
                    expired = expired + excluded.expired, reinstated = reinstated + excluded.reinstated,
                    outstanding = outstanding + excluded.outstanding, issue_value = issue_value + excluded.issue_value,
                    credit_value = credit_value + excluded.credit_value,
                    reimbursement_value = reimbursement_value + excluded.reimbursement_value,
                    referral_fees_earned = referral_fees_earned + excluded.referral_fees_earned,
                    referral_fees_owed = referral_fees_owed + excluded.referral_fees_owed,
                    referrals_earned = referrals_earned + excluded.referrals_earned, referrals_owed = referrals_owed + excluded.referrals_owed
                """);
            var p = FigureParameters(command);
            foreach (var c in batch.SettlementDays)
            {
                SetFigures(p, c.ProgramId, Day(c.Day), c.MerchantId, c.Figures);
                command.ExecuteNonQuery();
            }
        }
        if (batch.SettlementEntries.Count > 0)
        {
            using var command = Command(connection, $"""
                INSERT INTO insights_settlement_entries (program_id, recorded_at, merchant_id, {FigureColumns})
                VALUES ($program, $key, $merchant, $issued, $reversed, $written_off, $redeemed, $expired, $reinstated, $outstanding,
                    $issue_value, $credit_value, $reimbursement_value, $referral_fees_earned, $referral_fees_owed, $referrals_earned, $referrals_owed)
                """);
            var p = FigureParameters(command);
            foreach (var c in batch.SettlementEntries)
            {
                SetFigures(p, c.ProgramId, c.RecordedAt.UtcTicks, c.MerchantId, c.Figures);
                command.ExecuteNonQuery();
            }
        }
        if (batch.SettlementOrigins.Count > 0)
        {
            using var command = Command(connection, """
                INSERT INTO insights_settlement_origins (program_id, member_id, is_hold, id, merchant_id, price)
                VALUES ($program, $member, $hold, $id, $merchant, $price)
                ON CONFLICT (program_id, member_id, is_hold, id) DO UPDATE SET merchant_id = excluded.merchant_id, price = excluded.price
                """);
            var p = Parameters(command, "$program", "$member", "$hold", "$id", "$merchant", "$price");
            foreach (var o in batch.SettlementOrigins)
            {
                Set(p, o.Key.ProgramId, o.Key.MemberId, o.Key.IsHold ? 1 : 0, o.Key.Id, o.MerchantId, o.PriceMinorPerThousandPoints);
                command.ExecuteNonQuery();
            }
        }
        if (batch.Staff.Count > 0)
        {
            using var command = Command(connection, """
                INSERT INTO insights_staff_days (program_id, day, merchant_id, store_id, terminal_id, enrolments)
                VALUES ($program, $day, $merchant, $store, $terminal, $enrolments)
                ON CONFLICT (program_id, day, merchant_id, store_id, terminal_id) DO UPDATE SET enrolments = enrolments + excluded.enrolments
                """);
            var p = Parameters(command, "$program", "$day", "$merchant", "$store", "$terminal", "$enrolments");
            foreach (var c in batch.Staff)
            {
                Set(p, c.ProgramId, Day(c.Day), c.MerchantId, c.StoreId, c.TerminalId, c.Enrolments);
                command.ExecuteNonQuery();
            }
        }
        if (batch.BenefitUses.Count > 0)
        {
            using var command = Command(connection, """
                INSERT INTO insights_benefit_uses (program_id, recorded_at, merchant_id, benefit_id) VALUES ($program, $at, $merchant, $benefit)
                """);
            var p = Parameters(command, "$program", "$at", "$merchant", "$benefit");
            foreach (var u in batch.BenefitUses)
            {
                Set(p, u.ProgramId, u.RecordedAt.UtcTicks, u.MerchantId, u.BenefitId);
                command.ExecuteNonQuery();
            }
        }
        if (batch.RewardRedemptions.Count > 0)
        {
            using var command = Command(connection, """
                INSERT INTO insights_reward_redemptions (program_id, recorded_at, partner_id, reward_id, units, points)
                VALUES ($program, $at, $partner, $reward, $units, $points)
                """);
            var p = Parameters(command, "$program", "$at", "$partner", "$reward", "$units", "$points");
            foreach (var r in batch.RewardRedemptions)
            {
                Set(p, r.ProgramId, r.RecordedAt.UtcTicks, r.PartnerId, r.RewardId, r.Units, r.Points);
                command.ExecuteNonQuery();
            }
        }
    }

    private static SqliteParameter[] FigureParameters(SqliteCommand command) => Parameters(command, "$program", "$key", "$merchant",
        "$issued", "$reversed", "$written_off", "$redeemed", "$expired", "$reinstated", "$outstanding", "$issue_value", "$credit_value",
        "$reimbursement_value", "$referral_fees_earned", "$referral_fees_owed", "$referrals_earned", "$referrals_owed");

    /// <summary>Values are 64-bit here: one that does not fit fails the batch (checked), and the projection stops there, logged.</summary>
    private static void SetFigures(SqliteParameter[] p, string programId, object key, string merchantId, SettlementFigures f) =>
        Set(p, programId, key, merchantId, f.Issued, f.Reversed, f.WrittenOff, f.Redeemed, f.Expired, f.Reinstated, f.Outstanding,
            checked((long)f.IssueValue), checked((long)f.CreditValue), checked((long)f.ReimbursementValue),
            f.ReferralFeesEarned, f.ReferralFeesOwed, f.ReferralsEarned, f.ReferralsOwed);
}
