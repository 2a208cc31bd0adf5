using LoyaltyGrid.Storage.Insights;
using Npgsql;
using NpgsqlTypes;

namespace LoyaltyGrid.Storage.PostgreSql;

/// <summary>The settlement tables of the insights projection (migration 006; referral fee columns, 014).</summary>
public sealed partial class PostgreSqlInsightsStore
{
    private const string FigureColumns =
        "issued, reversed, written_off, redeemed, expired, reinstated, outstanding, issue_value, credit_value, reimbursement_value, " +
        "referral_fees_earned, referral_fees_owed, referrals_earned, referrals_owed";

    public async Task<IReadOnlyDictionary<SettlementOriginKey, SettlementOriginRow>> ReadSettlementOriginsAsync(
        IReadOnlyCollection<SettlementOriginKey> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<SettlementOriginKey, SettlementOriginRow>();
        if (keys.Count == 0)
        {
            return found;
        }
        await using var command = dataSource.CreateCommand("""
            SELECT o.program_id, o.member_id, o.is_hold, o.id, o.merchant_id, o.price
            FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[]) AS k(program_id, member_id, is_hold, id)
            JOIN lg_insights_settlement_origins o
              ON o.program_id = k.program_id AND o.member_id = k.member_id AND o.is_hold = k.is_hold AND o.id = k.id
            """);
        command.Parameters.Add(Texts(keys.Select(k => k.ProgramId)));
        command.Parameters.Add(Texts(keys.Select(k => k.MemberId)));
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.IsHold).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean });
        command.Parameters.Add(Texts(keys.Select(k => k.Id)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new SettlementOriginKey(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetString(3));
            found[key] = new SettlementOriginRow(key, reader.GetString(4), reader.GetInt64(5));
        }
        return found;
    }

    public async Task<IReadOnlyDictionary<string, SettlementFigures>> ReadSettlementSumsAsync(
        string programId, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(before.UtcDateTime);
        await using var command = dataSource.CreateCommand($"""
            SELECT merchant_id, SUM(issued)::bigint, SUM(reversed)::bigint, SUM(written_off)::bigint, SUM(redeemed)::bigint,
                SUM(expired)::bigint, SUM(reinstated)::bigint, SUM(outstanding)::bigint,
                SUM(issue_value)::text, SUM(credit_value)::text, SUM(reimbursement_value)::text,
                SUM(referral_fees_earned)::bigint, SUM(referral_fees_owed)::bigint, SUM(referrals_earned)::bigint, SUM(referrals_owed)::bigint
            FROM (SELECT merchant_id, {FigureColumns} FROM lg_insights_settlement_days WHERE program_id = $1 AND day < $2
                  UNION ALL
                  SELECT merchant_id, {FigureColumns} FROM lg_insights_settlement_entries
                  WHERE program_id = $1 AND recorded_at >= $3 AND recorded_at < $4) s
            GROUP BY merchant_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = programId });
        command.Parameters.Add(new NpgsqlParameter { Value = day, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks });
        command.Parameters.Add(new NpgsqlParameter { Value = before.UtcTicks });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sums = new Dictionary<string, SettlementFigures>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            // The values are read as text: a numeric sum may exceed what decimal holds, never what Int128 holds here.
            sums[reader.GetString(0)] = new SettlementFigures(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7),
                Int128.Parse(reader.GetString(8), System.Globalization.CultureInfo.InvariantCulture),
                Int128.Parse(reader.GetString(9), System.Globalization.CultureInfo.InvariantCulture),
                Int128.Parse(reader.GetString(10), System.Globalization.CultureInfo.InvariantCulture),
                reader.GetInt64(11), reader.GetInt64(12), reader.GetInt64(13), reader.GetInt64(14));
        }
        return sums;
    }

    public async Task<IReadOnlyList<BenefitUseCount>> ReadBenefitUsesAsync(
        string programId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT merchant_id, benefit_id, COUNT(*) FROM lg_insights_benefit_uses
            WHERE program_id = $1 AND recorded_at >= $2 AND recorded_at < $3
            GROUP BY merchant_id, benefit_id ORDER BY merchant_id, benefit_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = programId });
        command.Parameters.Add(new NpgsqlParameter { Value = from.UtcTicks });
        command.Parameters.Add(new NpgsqlParameter { Value = until.UtcTicks });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var uses = new List<BenefitUseCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            uses.Add(new BenefitUseCount(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }
        return uses;
    }

    public async Task<IReadOnlyList<RewardRedemptionCount>> ReadRewardRedemptionsAsync(
        string programId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT partner_id, reward_id, SUM(units)::bigint, SUM(points)::bigint FROM lg_insights_reward_redemptions
            WHERE program_id = $1 AND recorded_at >= $2 AND recorded_at < $3
            GROUP BY partner_id, reward_id HAVING SUM(units) <> 0 OR SUM(points) <> 0 ORDER BY partner_id, reward_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = programId });
        command.Parameters.Add(new NpgsqlParameter { Value = from.UtcTicks });
        command.Parameters.Add(new NpgsqlParameter { Value = until.UtcTicks });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new List<RewardRedemptionCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new RewardRedemptionCount(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
        }
        return counts;
    }

    public async Task<IReadOnlyList<StaffTotals>> ReadStaffAsync(
        string programId, DateOnly from, DateOnly until, MetricsFilter filter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT merchant_id, store_id, terminal_id, SUM(enrolments)::bigint, SUM(feedback)::bigint FROM (
                SELECT merchant_id, store_id, terminal_id, enrolments, 0 AS feedback FROM lg_insights_staff_days
                WHERE program_id = $1 AND day >= $2 AND day < $3
                UNION ALL
                SELECT merchant_id, store_id, terminal_id, 0, 1 FROM lg_insights_feedback
                WHERE program_id = $1 AND day >= $2 AND day < $3) t
            WHERE TRUE {(filter.MerchantId is null ? "" : "AND merchant_id = $4")} {(filter.StoreId is null ? "" : "AND store_id = $5")}
            GROUP BY merchant_id, store_id, terminal_id ORDER BY merchant_id, store_id, terminal_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = programId });
        command.Parameters.Add(new NpgsqlParameter { Value = from, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = until, NpgsqlDbType = NpgsqlDbType.Date });
        // Unused when the filter names no merchant or store, but typed, so PostgreSQL accepts them.
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.MerchantId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.StoreId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var staff = new List<StaffTotals>();
        while (await reader.ReadAsync(cancellationToken))
        {
            staff.Add(new StaffTotals(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4)));
        }
        return staff;
    }

    private static void AddSettlement(NpgsqlBatch batch, InsightsBatch b)
    {
        if (b.SettlementDays.Count > 0)
        {
            var c = b.SettlementDays;
            batch.BatchCommands.Add(Command($"""
                INSERT INTO lg_insights_settlement_days AS d (program_id, day, merchant_id, {FigureColumns})
                SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[],
                    $8::bigint[], $9::bigint[], $10::bigint[], $11::numeric[], $12::numeric[], $13::numeric[],
                    $14::bigint[], $15::bigint[], $16::bigint[], $17::bigint[])
                ON CONFLICT (program_id, day, merchant_id) DO UPDATE SET
                    issued = d.issued + EXCLUDED.issued, reversed = d.reversed + EXCLUDED.reversed,
                    written_off = d.written_off + EXCLUDED.written_off, redeemed = d.redeemed + EXCLUDED.redeemed,
                    expired = d.expired + EXCLUDED.expired, reinstated = d.reinstated + EXCLUDED.reinstated,
                    outstanding = d.outstanding + EXCLUDED.outstanding, issue_value = d.issue_value + EXCLUDED.issue_value,
                    credit_value = d.credit_value + EXCLUDED.credit_value,
                    reimbursement_value = d.reimbursement_value + EXCLUDED.reimbursement_value,
                    referral_fees_earned = d.referral_fees_earned + EXCLUDED.referral_fees_earned,
                    referral_fees_owed = d.referral_fees_owed + EXCLUDED.referral_fees_owed,
                    referrals_earned = d.referrals_earned + EXCLUDED.referrals_earned, referrals_owed = d.referrals_owed + EXCLUDED.referrals_owed
                """,
                [Texts(c.Select(x => x.ProgramId)),
                 new NpgsqlParameter { Value = c.Select(x => x.Day).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date },
                 Texts(c.Select(x => x.MerchantId)), .. FigureParameters(c.Select(x => x.Figures).ToArray())]));
        }
        if (b.SettlementEntries.Count > 0)
        {
            var c = b.SettlementEntries;
            batch.BatchCommands.Add(Command($"""
                INSERT INTO lg_insights_settlement_entries (program_id, recorded_at, merchant_id, {FigureColumns})
                SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[],
                    $8::bigint[], $9::bigint[], $10::bigint[], $11::numeric[], $12::numeric[], $13::numeric[],
                    $14::bigint[], $15::bigint[], $16::bigint[], $17::bigint[])
                """,
                [Texts(c.Select(x => x.ProgramId)), Longs(c.Select(x => x.RecordedAt.UtcTicks)), Texts(c.Select(x => x.MerchantId)),
                 .. FigureParameters(c.Select(x => x.Figures).ToArray())]));
        }
        if (b.SettlementOrigins.Count > 0)
        {
            var c = b.SettlementOrigins;
            batch.BatchCommands.Add(Command("""
                INSERT INTO lg_insights_settlement_origins (program_id, member_id, is_hold, id, merchant_id, price)
                SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[], $5::text[], $6::bigint[])
                ON CONFLICT (program_id, member_id, is_hold, id) DO UPDATE SET merchant_id = EXCLUDED.merchant_id, price = EXCLUDED.price
                """,
                Texts(c.Select(x => x.Key.ProgramId)), Texts(c.Select(x => x.Key.MemberId)),
                new NpgsqlParameter { Value = c.Select(x => x.Key.IsHold).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean },
                Texts(c.Select(x => x.Key.Id)), Texts(c.Select(x => x.MerchantId)), Longs(c.Select(x => x.PriceMinorPerThousandPoints))));
        }
        if (b.Staff.Count > 0)
        {
            var c = b.Staff;
            batch.BatchCommands.Add(Command("""
                INSERT INTO lg_insights_staff_days AS d (program_id, day, merchant_id, store_id, terminal_id, enrolments)
                SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::text[], $6::bigint[])
                ON CONFLICT (program_id, day, merchant_id, store_id, terminal_id) DO UPDATE SET enrolments = d.enrolments + EXCLUDED.enrolments
                """,
                Texts(c.Select(x => x.ProgramId)),
                new NpgsqlParameter { Value = c.Select(x => x.Day).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date },
                Texts(c.Select(x => x.MerchantId)), Texts(c.Select(x => x.StoreId)), Texts(c.Select(x => x.TerminalId)),
                Longs(c.Select(x => x.Enrolments))));
        }
        if (b.BenefitUses.Count > 0)
        {
            var c = b.BenefitUses;
            batch.BatchCommands.Add(Command("""
                INSERT INTO lg_insights_benefit_uses (program_id, recorded_at, merchant_id, benefit_id)
                SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[])
                """,
                Texts(c.Select(x => x.ProgramId)), Longs(c.Select(x => x.RecordedAt.UtcTicks)), Texts(c.Select(x => x.MerchantId)),
                Texts(c.Select(x => x.BenefitId))));
        }
        if (b.RewardRedemptions.Count > 0)
        {
            var r = b.RewardRedemptions;
            batch.BatchCommands.Add(Command("""
                INSERT INTO lg_insights_reward_redemptions (program_id, recorded_at, partner_id, reward_id, units, points)
                SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
                """,
                Texts(r.Select(x => x.ProgramId)), Longs(r.Select(x => x.RecordedAt.UtcTicks)), Texts(r.Select(x => x.PartnerId)),
                Texts(r.Select(x => x.RewardId)), Longs(r.Select(x => (long)x.Units)), Longs(r.Select(x => x.Points))));
        }
    }

    private static NpgsqlParameter[] FigureParameters(SettlementFigures[] f) =>
    [
        Longs(f.Select(x => x.Issued)), Longs(f.Select(x => x.Reversed)), Longs(f.Select(x => x.WrittenOff)),
        Longs(f.Select(x => x.Redeemed)), Longs(f.Select(x => x.Expired)), Longs(f.Select(x => x.Reinstated)),
        Longs(f.Select(x => x.Outstanding)), Numerics(f.Select(x => x.IssueValue)), Numerics(f.Select(x => x.CreditValue)),
        Numerics(f.Select(x => x.ReimbursementValue)), Longs(f.Select(x => x.ReferralFeesEarned)), Longs(f.Select(x => x.ReferralFeesOwed)),
        Longs(f.Select(x => x.ReferralsEarned)), Longs(f.Select(x => x.ReferralsOwed)),
    ];

    /// <summary>Exact values as numeric: a value beyond decimal's range fails the batch (checked) instead of being rounded.</summary>
    private static NpgsqlParameter Numerics(IEnumerable<Int128> values) =>
        new() { Value = values.Select(v => checked((decimal)v)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric };
}
