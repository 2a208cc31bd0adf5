using System.Text;
using LoyaltyGrid.Storage.Insights;
using Npgsql;
using NpgsqlTypes;

namespace LoyaltyGrid.Storage.PostgreSql;

/// <summary>
/// <see cref="IInsightsStore"/> in the journal's PostgreSQL database (tables of Migrations/004_insights.sql). A batch is
/// one transaction: the checkpoint is moved first, compare-and-set (its row lock makes a second silo wait, then find
/// it moved and write nothing), then one <c>unnest</c> upsert per table, in one round trip.
/// </summary>
public sealed partial class PostgreSqlInsightsStore(NpgsqlDataSource dataSource) : IInsightsStore
{
    private const string Projection = "insights";

    public async Task<InsightsCheckpoint> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT commit_pos, stream_id, seq, events, updated_at FROM lg_insights_checkpoint WHERE projection = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = Projection });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("The insights checkpoint row is missing; was the schema migrated (004_insights)?");
        }
        return new InsightsCheckpoint(
            new JournalPosition(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)), reader.GetInt64(3),
            reader.IsDBNull(4) ? null : new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero));
    }

    public async Task<bool> ApplyAsync(InsightsBatch batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var checkpoint = new NpgsqlCommand("""
            UPDATE lg_insights_checkpoint SET commit_pos = $1, stream_id = $2, seq = $3, events = events + $4, updated_at = now()
            WHERE projection = $5 AND commit_pos = $6 AND stream_id = $7 AND seq = $8
            """, connection, transaction))
        {
            checkpoint.Parameters.Add(new NpgsqlParameter { Value = batch.To.Commit });
            checkpoint.Parameters.Add(new NpgsqlParameter { Value = batch.To.StreamId });
            checkpoint.Parameters.Add(new NpgsqlParameter { Value = batch.To.Sequence });
            checkpoint.Parameters.Add(new NpgsqlParameter { Value = batch.Events });
            checkpoint.Parameters.Add(new NpgsqlParameter { Value = Projection });
            checkpoint.Parameters.Add(new NpgsqlParameter { Value = batch.From.Commit });
            checkpoint.Parameters.Add(new NpgsqlParameter { Value = batch.From.StreamId });
            checkpoint.Parameters.Add(new NpgsqlParameter { Value = batch.From.Sequence });
            if (await checkpoint.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }
        await using (var upserts = new NpgsqlBatch(connection, transaction))
        {
            AddMembers(upserts, batch.Members, batch.MemberDays);
            AddDaily(upserts, batch.Daily);
            AddMemberStoreDays(upserts, batch.MemberStoreDays);
            AddSettlement(upserts, batch);
            AddFeedback(upserts, batch.Feedback);
            AddSegmentMembers(upserts, batch.SegmentMembers);
            AddReferrals(upserts, batch);
            if (upserts.BatchCommands.Count > 0)
            {
                await upserts.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The checkpoint row first, so that a batch being applied meanwhile finishes before, or finds it moved after.
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command(
            "UPDATE lg_insights_checkpoint SET commit_pos = -1, stream_id = '', seq = 0, events = 0, updated_at = now() WHERE projection = $1",
            new NpgsqlParameter { Value = Projection }));
        foreach (var table in new[] { "lg_insights_members", "lg_insights_daily",
            "lg_insights_member_store_days",
            "lg_insights_settlement_days", "lg_insights_settlement_entries", "lg_insights_settlement_origins", "lg_insights_benefit_uses",
            "lg_insights_staff_days", "lg_insights_feedback", "lg_insights_reward_redemptions", "lg_insights_segment_members",
            "lg_insights_referrals", "lg_insights_contact_digests" })
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM " + table));
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MemberPurchaseDay>> ReadPurchaseDaysAsync(
        string programId, DateOnly from, DateOnly until, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT m.member_id, date '1970-01-01' + u.day, u.purchases, u.spend
            FROM lg_insights_members m, unnest(m.purchase_days, m.day_purchases, m.day_spend) AS u(day, purchases, spend)
            WHERE m.program_id = $1 AND u.day >= $2 AND u.day < $3 ORDER BY m.member_id, u.day
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = programId });
        command.Parameters.Add(new NpgsqlParameter { Value = DayNumber(from) });
        command.Parameters.Add(new NpgsqlParameter { Value = DayNumber(until) });
        return await ReadDaysAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<MemberPurchaseDay>> ReadMemberPurchaseDaysAsync(
        string programId, string memberId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT m.member_id, date '1970-01-01' + u.day, u.purchases, u.spend
            FROM lg_insights_members m, unnest(m.purchase_days, m.day_purchases, m.day_spend) AS u(day, purchases, spend)
            WHERE m.program_id = $1 AND m.member_id = $2 ORDER BY u.day
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = programId });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        return await ReadDaysAsync(command, cancellationToken);
    }

    public async Task<ProgramTotals> ReadProgramTotalsAsync(
        string programId, DateOnly from, DateOnly until, MetricsFilter filter, CancellationToken cancellationToken)
    {
        // Without a merchant, one pass over the program's member rows: each holds its purchase days as a sorted array, so
        // the days in the period are two binary searches (width_bucket: how many days are at or before a day number), and
        // the last day before the period's end is the element at the second. With a merchant (or store), its store days,
        // where a member's day at two stores is two rows (so days are counted distinct), in one pass per member.
        var at = (filter.MerchantId is null ? "" : " AND merchant_id = $5") + (filter.StoreId is null ? "" : " AND store_id = $6");
        const string Window = "width_bucket($6 - 1, purchase_days) - width_bucket($5 - 1, purchase_days)";
        var members = filter.MerchantId is null
            ? $"""
                SELECT COUNT(*) FILTER (WHERE {Window} >= 1) AS active, COUNT(*) FILTER (WHERE {Window} >= 2) AS repeat,
                    COUNT(*) FILTER (WHERE width_bucket($6 - 1, purchase_days) > 0 AND purchase_days[width_bucket($6 - 1, purchase_days)] < $4 - date '1970-01-01') AS churned
                FROM lg_insights_members WHERE program_id = $1
                """
            : $"""
                SELECT COUNT(*) FILTER (WHERE days_in >= 1) AS active, COUNT(*) FILTER (WHERE days_in >= 2) AS repeat,
                    COUNT(*) FILTER (WHERE last_day < $4) AS churned
                FROM (SELECT COUNT(DISTINCT day) FILTER (WHERE day >= $2) AS days_in, MAX(day) AS last_day FROM lg_insights_member_store_days
                      WHERE program_id = $1{at} AND day < $3 GROUP BY member_id) d
                """;
        await using var command = dataSource.CreateCommand($"""
            WITH m AS ({members})
            SELECT
                (SELECT COUNT(*) FROM lg_insights_members WHERE program_id = $1 AND (enrolled_at IS NULL OR enrolled_at < $3::date::timestamp AT TIME ZONE 'UTC')),
                (SELECT COUNT(*) FROM lg_insights_members WHERE program_id = $1
                    AND enrolled_at >= $2::date::timestamp AT TIME ZONE 'UTC' AND enrolled_at < $3::date::timestamp AT TIME ZONE 'UTC'),
                (SELECT active FROM m),
                (SELECT repeat FROM m),
                COALESCE(SUM(purchases), 0)::bigint, COALESCE(SUM(spend_minor), 0)::bigint, COALESCE(SUM(points_earned), 0)::bigint,
                COALESCE(SUM(points_redeemed), 0)::bigint, COALESCE(SUM(points_expired), 0)::bigint,
                (SELECT churned FROM m)
            FROM lg_insights_daily WHERE program_id = $1{at} AND day >= $2 AND day < $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = programId });
        command.Parameters.Add(new NpgsqlParameter { Value = from, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = until, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = until.AddDays(-filter.ChurnDays), NpgsqlDbType = NpgsqlDbType.Date });
        if (filter.MerchantId is null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = DayNumber(from) });
            command.Parameters.Add(new NpgsqlParameter { Value = DayNumber(until) });
        }
        else
        {
            command.Parameters.Add(new NpgsqlParameter { Value = filter.MerchantId });
        }
        if (filter.StoreId is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = filter.StoreId });
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ProgramTotals(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
            reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9));
    }

    public async Task<RetentionCounts> ReadRetentionAsync(
        string programId, bool byFirstPurchase, DateOnly fromMonth, DateOnly untilMonth, int maxMonthsAfter, CancellationToken cancellationToken)
    {
        // The column is one of two constants, never input. Each member row holds its purchase months (month numbers since
        // 1970-01, each once), so a cohort member's months after are its months from its cohort's to maxMonthsAfter on:
        // one pass over the cohort members' rows, no join.
        var since = byFirstPurchase ? "first_purchase_at" : "enrolled_at";
        await using var command = dataSource.CreateCommand($"""
            WITH c AS (
                SELECT (extract(year FROM {since} AT TIME ZONE 'UTC')::int - 1970) * 12 + extract(month FROM {since} AT TIME ZONE 'UTC')::int - 1 AS cohort,
                    purchase_months FROM lg_insights_members
                WHERE program_id = $1 AND {since} >= $2::date::timestamp AT TIME ZONE 'UTC' AND {since} < $3::date::timestamp AT TIME ZONE 'UTC')
            SELECT make_date(1970 + cohort / 12, cohort % 12 + 1, 1), -1, COUNT(*) FROM c GROUP BY cohort
            UNION ALL
            SELECT make_date(1970 + cohort / 12, cohort % 12 + 1, 1), month - cohort, COUNT(*) FROM c, unnest(c.purchase_months) AS month
            WHERE month >= cohort AND month <= cohort + $4
            GROUP BY cohort, month - cohort
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = programId });
        command.Parameters.Add(new NpgsqlParameter { Value = fromMonth, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = untilMonth, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = maxMonthsAfter });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cohorts = new List<CohortSize>();
        var cells = new List<RetentionCell>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var (month, k, members) = (reader.GetFieldValue<DateOnly>(0), reader.GetInt32(1), reader.GetInt64(2));
            if (k < 0)
            {
                cohorts.Add(new CohortSize(month, members));
            }
            else
            {
                cells.Add(new RetentionCell(month, k, members));
            }
        }
        return new RetentionCounts(
            [.. cohorts.OrderBy(c => c.Month)], [.. cells.OrderBy(c => c.CohortMonth).ThenBy(c => c.MonthsAfter)]);
    }

    public async Task<IReadOnlyList<MonthlyPoints>> ReadMonthlyPointsAsync(string programId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT date_trunc('month', day)::date, SUM(points_earned)::bigint, SUM(points_redeemed)::bigint,
                SUM(points_expired)::bigint, SUM(points_reversed)::bigint
            FROM lg_insights_daily WHERE program_id = $1 GROUP BY 1 ORDER BY 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = programId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var months = new List<MonthlyPoints>();
        while (await reader.ReadAsync(cancellationToken))
        {
            months.Add(new MonthlyPoints(reader.GetFieldValue<DateOnly>(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }
        return months;
    }

    public async Task<MemberFacts?> ReadMemberAsync(string programId, string memberId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT enrolled_at, first_purchase_at, last_purchase_at, purchases, imported_purchases, spend_minor, returns, returned_minor,
                points_earned, points_redeemed, points_expired, points_reversed, tier_id,
                cardinality(purchase_days)
            FROM lg_insights_members m WHERE program_id = $1 AND member_id = $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = programId });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new MemberFacts(programId, memberId, Time(reader, 0), Time(reader, 1), Time(reader, 2),
            reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7),
            reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10), reader.GetInt64(11),
            reader.IsDBNull(12) ? null : reader.GetString(12), reader.GetInt64(13));
    }

    /// <summary>
    /// One upsert of the members' rows, their purchase days with them (<paramref name="days"/>): parallel arrays, sorted by
    /// day, of day numbers since 1970-01-01 with each day's purchases and spend, and the month numbers since 1970-01 with
    /// a purchase. The program's metrics and cohorts read one row per member (width_bucket over the days is a binary
    /// search), the lifetime-value models the days' spend, and a purchase costs one row written, not one per table.
    /// </summary>
    private static void AddMembers(NpgsqlBatch batch, IReadOnlyList<MemberFactsChange> c, IReadOnlyList<MemberDayChange> days)
    {
        if (c.Count == 0)
        {
            return;
        }
        var literals = DayLiterals(c, days);
        batch.BatchCommands.Add(Command($$"""
            INSERT INTO lg_insights_members AS m (program_id, member_id, enrolled_at, first_purchase_at, last_purchase_at, purchases,
                imported_purchases, spend_minor, returns, returned_minor, points_earned, points_redeemed, points_expired,
                points_reversed, tier_id, tier_seq, purchase_days, day_purchases, day_spend, purchase_months)
            SELECT t.p, t.m, t.e, t.f, t.l, t.pu, t.ip, t.s, t.r, t.rm, t.pe, t.pr, t.px, t.pv, t.ti, t.ts,
                t.d::int4[], t.dp::int8[], t.ds::int8[], t.mo::int4[]
            FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::bigint[],
                $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[], $14::bigint[],
                $15::text[], $16::bigint[], $17::text[], $18::text[], $19::text[], $20::text[])
                AS t(p, m, e, f, l, pu, ip, s, r, rm, pe, pr, px, pv, ti, ts, d, dp, ds, mo)
            ON CONFLICT (program_id, member_id) DO UPDATE SET
                enrolled_at = COALESCE(m.enrolled_at, EXCLUDED.enrolled_at),
                first_purchase_at = LEAST(m.first_purchase_at, EXCLUDED.first_purchase_at),
                last_purchase_at = GREATEST(m.last_purchase_at, EXCLUDED.last_purchase_at),
                purchases = m.purchases + EXCLUDED.purchases,
                imported_purchases = m.imported_purchases + EXCLUDED.imported_purchases,
                spend_minor = m.spend_minor + EXCLUDED.spend_minor,
                returns = m.returns + EXCLUDED.returns,
                returned_minor = m.returned_minor + EXCLUDED.returned_minor,
                points_earned = m.points_earned + EXCLUDED.points_earned,
                points_redeemed = m.points_redeemed + EXCLUDED.points_redeemed,
                points_expired = m.points_expired + EXCLUDED.points_expired,
                points_reversed = m.points_reversed + EXCLUDED.points_reversed,
                tier_id = CASE WHEN EXCLUDED.tier_seq > m.tier_seq THEN EXCLUDED.tier_id ELSE m.tier_id END,
                tier_seq = GREATEST(m.tier_seq, EXCLUDED.tier_seq),
                {{DayArraysMerge}},
                purchase_months = CASE WHEN EXCLUDED.purchase_months <@ m.purchase_months THEN m.purchase_months
                    ELSE ARRAY(SELECT DISTINCT x FROM unnest(m.purchase_months || EXCLUDED.purchase_months) AS x ORDER BY x) END
            """,
            Texts(c.Select(x => x.ProgramId)), Texts(c.Select(x => x.MemberId)),
            Times(c.Select(x => x.EnrolledAt)), Times(c.Select(x => x.FirstPurchaseAt)), Times(c.Select(x => x.LastPurchaseAt)),
            Longs(c.Select(x => x.Purchases)), Longs(c.Select(x => x.ImportedPurchases)), Longs(c.Select(x => x.SpendMinor)),
            Longs(c.Select(x => x.Returns)), Longs(c.Select(x => x.ReturnedMinor)), Longs(c.Select(x => x.PointsEarned)),
            Longs(c.Select(x => x.PointsRedeemed)), Longs(c.Select(x => x.PointsExpired)), Longs(c.Select(x => x.PointsReversed)),
            Texts(c.Select(x => x.TierId)), Longs(c.Select(x => x.TierSequence)),
            // Each member's days as array literals: unnest cannot hand out one array per row.
            Texts(literals.Days), Texts(literals.Purchases), Texts(literals.Spend), Texts(literals.Months)));
    }

    /// <summary>
    /// Per member of <paramref name="members"/>, its <paramref name="days"/> in day order as four array literals: the day
    /// numbers, the purchases and the spend of each, and the months with a purchase (since 1970-01), each once and in
    /// order, as the row keeps them. One pass per member (the projection builds these for every member of every batch).
    /// </summary>
    private static (string[] Days, string[] Purchases, string[] Spend, string[] Months) DayLiterals(
        IReadOnlyList<MemberFactsChange> members, IReadOnlyList<MemberDayChange> days)
    {
        var byMember = new Dictionary<(string, string), List<MemberDayChange>>();
        foreach (var day in days)
        {
            if (!byMember.TryGetValue((day.ProgramId, day.MemberId), out var list))
            {
                byMember[(day.ProgramId, day.MemberId)] = list = new List<MemberDayChange>(1);
            }
            // In day order, keeping the batch's order among equal days (lists are a few days long).
            var at = list.Count;
            while (at > 0 && list[at - 1].Day > day.Day)
            {
                at--;
            }
            list.Insert(at, day);
        }
        var (dayTexts, purchaseTexts, spendTexts, monthTexts) =
            (new string[members.Count], new string[members.Count], new string[members.Count], new string[members.Count]);
        var (dayText, purchaseText, spendText, monthText) = (new StringBuilder(), new StringBuilder(), new StringBuilder(), new StringBuilder());
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        for (var i = 0; i < members.Count; i++)
        {
            dayText.Clear().Append('{');
            purchaseText.Clear().Append('{');
            spendText.Clear().Append('{');
            monthText.Clear().Append('{');
            long? lastMonth = null;
            foreach (var day in byMember.GetValueOrDefault((members[i].ProgramId, members[i].MemberId)) ?? [])
            {
                var separator = lastMonth is null ? "" : ",";
                dayText.Append(separator).Append(DayNumber(day.Day).ToString(invariant));
                purchaseText.Append(separator).Append(day.Purchases.ToString(invariant));
                spendText.Append(separator).Append(day.SpendMinor.ToString(invariant));
                long month = (day.Day.Year - 1970) * 12 + day.Day.Month - 1;
                if (month != lastMonth)
                {
                    monthText.Append(separator).Append(month.ToString(invariant));
                    lastMonth = month;
                }
            }
            dayTexts[i] = dayText.Append('}').ToString();
            purchaseTexts[i] = purchaseText.Append('}').ToString();
            spendTexts[i] = spendText.Append('}').ToString();
            monthTexts[i] = monthText.Append('}').ToString();
        }
        return (dayTexts, purchaseTexts, spendTexts, monthTexts);
    }

    /// <summary>
    /// The SET clauses that merge a batch's purchase days (EXCLUDED, sorted, each day once) into the member row's: the
    /// common cases, days after the row's last or starting on it (a member buying again the same day), append or add to
    /// the last element; days among the row's (imported history) merge through a GROUP BY over both.
    /// </summary>
    private static readonly string DayArraysMerge = string.Join(",\n", new[] { ("purchase_days", "day"), ("day_purchases", "purchases"), ("day_spend", "spend") }
        .Select(c => $$"""
                {{c.Item1}} = CASE
                    WHEN cardinality(EXCLUDED.purchase_days) = 0 THEN m.{{c.Item1}}
                    WHEN cardinality(m.purchase_days) = 0 OR EXCLUDED.purchase_days[1] > m.purchase_days[cardinality(m.purchase_days)]
                        THEN m.{{c.Item1}} || EXCLUDED.{{c.Item1}}
                    WHEN EXCLUDED.purchase_days[1] = m.purchase_days[cardinality(m.purchase_days)]
                        THEN {{(c.Item1 == "purchase_days"
                            ? "m.purchase_days || EXCLUDED.purchase_days[2:]"
                            : $"m.{c.Item1}[1:cardinality(m.purchase_days) - 1] || (m.{c.Item1}[cardinality(m.purchase_days)] + EXCLUDED.{c.Item1}[1]) || EXCLUDED.{c.Item1}[2:]")}}
                    ELSE (SELECT array_agg(g.{{c.Item2}} ORDER BY g.day)
                          FROM (SELECT u.day, SUM(u.purchases)::bigint AS purchases, SUM(u.spend)::bigint AS spend
                                FROM unnest(m.purchase_days || EXCLUDED.purchase_days, m.day_purchases || EXCLUDED.day_purchases,
                                    m.day_spend || EXCLUDED.day_spend) AS u(day, purchases, spend)
                                GROUP BY u.day) g) END
            """.TrimEnd()));

    public async Task<IReadOnlyList<FeedbackDayCounts>> ReadFeedbackCountsAsync(string programId, FeedbackFilter filter, CancellationToken cancellationToken)
    {
        var (where, parameters) = Where(programId, filter);
        await using var command = dataSource.CreateCommand($"""
            SELECT day, merchant_id, store_id, terminal_id, reward_points > 0, COUNT(*), COUNT(transaction_id), COUNT(nps),
                COUNT(*) FILTER (WHERE nps >= 9), COUNT(*) FILTER (WHERE nps <= 6), COUNT(csat), COUNT(*) FILTER (WHERE csat >= 4)
            FROM lg_insights_feedback WHERE {where}
            GROUP BY day, merchant_id, store_id, terminal_id, reward_points > 0
            """);
        command.Parameters.AddRange(parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<FeedbackDayCounts>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new FeedbackDayCounts(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetBoolean(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9),
                reader.GetInt64(10), reader.GetInt64(11)));
        }
        return rows;
    }

    public async Task<IReadOnlyList<StorePurchaseDay>> ReadStorePurchasesAsync(string programId, FeedbackFilter filter, CancellationToken cancellationToken)
    {
        var (where, parameters) = Where(programId, filter);
        await using var command = dataSource.CreateCommand($"""
            SELECT day, merchant_id, store_id, SUM(purchases - imported_purchases)::bigint FROM lg_insights_daily WHERE {where}
            GROUP BY day, merchant_id, store_id HAVING SUM(purchases - imported_purchases) > 0
            """);
        command.Parameters.AddRange(parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<StorePurchaseDay>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StorePurchaseDay(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        }
        return rows;
    }

    public async Task<FeedbackPage> ListFeedbackAsync(string programId, FeedbackFilter filter, bool detractorsOnly, int pageSize,
        FeedbackCursor? after, CancellationToken cancellationToken)
    {
        var (where, parameters) = Where(programId, filter);
        if (detractorsOnly)
        {
            where += " AND (nps <= 6 OR csat <= 2)";
        }
        if (after is not null)
        {
            parameters.Add(new NpgsqlParameter { Value = after.RecordedAt.ToUnixTimeMilliseconds() });
            parameters.Add(new NpgsqlParameter { Value = after.FeedbackId });
            where += $" AND (recorded_at, feedback_id) < (${parameters.Count - 1}, ${parameters.Count})";
        }
        parameters.Add(new NpgsqlParameter { Value = pageSize + 1 });
        await using var command = dataSource.CreateCommand($"""
            SELECT feedback_id, member_id, transaction_id, merchant_id, store_id, terminal_id, nps, csat, comment, channel, reward_points,
                recorded_at
            FROM lg_insights_feedback WHERE {where}
            ORDER BY recorded_at DESC, feedback_id DESC LIMIT ${parameters.Count}
            """);
        command.Parameters.AddRange(parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<FeedbackRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new FeedbackRow(programId, reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetInt16(6),
                reader.IsDBNull(7) ? null : reader.GetInt16(7), reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetInt16(9),
                reader.GetInt64(10), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11))));
        }
        if (rows.Count <= pageSize)
        {
            return new FeedbackPage(rows, null);
        }
        rows.RemoveAt(pageSize);
        return new FeedbackPage(rows, new FeedbackCursor(rows[^1].RecordedAt, rows[^1].FeedbackId));
    }

    /// <summary>The program and the filter's conditions, with their values as positional parameters ($1 is the program).</summary>
    private static (string Where, List<NpgsqlParameter> Parameters) Where(string programId, FeedbackFilter filter)
    {
        var parameters = new List<NpgsqlParameter> { new() { Value = programId } };
        var where = "program_id = $1";
        void Add(string condition, object value, NpgsqlDbType? type = null)
        {
            parameters.Add(type is { } t ? new NpgsqlParameter { Value = value, NpgsqlDbType = t } : new NpgsqlParameter { Value = value });
            where += $" AND {condition} ${parameters.Count}";
        }
        if (filter.MerchantId is { } merchant) { Add("merchant_id =", merchant); }
        if (filter.StoreId is { } store) { Add("store_id =", store); }
        if (filter.From is { } from) { Add("day >=", from, NpgsqlDbType.Date); }
        if (filter.Until is { } until) { Add("day <", until, NpgsqlDbType.Date); }
        return (where, parameters);
    }

    private static void AddFeedback(NpgsqlBatch batch, IReadOnlyList<FeedbackRow> c)
    {
        if (c.Count == 0)
        {
            return;
        }
        batch.BatchCommands.Add(Command("""
            INSERT INTO lg_insights_feedback (program_id, feedback_id, member_id, transaction_id, merchant_id, store_id, terminal_id, day,
                recorded_at, nps, csat, comment, channel, reward_points)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[],
                $9::bigint[], $10::smallint[], $11::smallint[], $12::text[], $13::smallint[], $14::bigint[])
            ON CONFLICT (program_id, feedback_id) DO NOTHING
            """,
            Texts(c.Select(x => x.ProgramId)), Texts(c.Select(x => x.FeedbackId)), Texts(c.Select(x => x.MemberId)),
            Texts(c.Select(x => x.TransactionId)), Texts(c.Select(x => x.MerchantId)), Texts(c.Select(x => x.StoreId)),
            Texts(c.Select(x => x.TerminalId)),
            new NpgsqlParameter
            {
                Value = c.Select(x => DateOnly.FromDateTime(x.RecordedAt.UtcDateTime)).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date,
            },
            Longs(c.Select(x => x.RecordedAt.ToUnixTimeMilliseconds())),
            new NpgsqlParameter { Value = c.Select(x => (short?)x.Nps).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint },
            new NpgsqlParameter { Value = c.Select(x => (short?)x.Csat).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint },
            Texts(c.Select(x => x.Comment)),
            new NpgsqlParameter { Value = c.Select(x => (short)x.Channel).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint },
            Longs(c.Select(x => x.RewardPoints))));
    }

    private static void AddMemberStoreDays(NpgsqlBatch batch, IReadOnlyList<MemberStoreDayChange> c)
    {
        if (c.Count == 0)
        {
            return;
        }
        batch.BatchCommands.Add(Command("""
            INSERT INTO lg_insights_member_store_days (program_id, merchant_id, store_id, member_id, day)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[])
            ON CONFLICT DO NOTHING
            """,
            Texts(c.Select(x => x.ProgramId)), Texts(c.Select(x => x.MerchantId)), Texts(c.Select(x => x.StoreId)),
            Texts(c.Select(x => x.MemberId)),
            new NpgsqlParameter { Value = c.Select(x => x.Day).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date }));
    }

    private static void AddDaily(NpgsqlBatch batch, IReadOnlyList<DailyChange> c)
    {
        if (c.Count == 0)
        {
            return;
        }
        batch.BatchCommands.Add(Command("""
            INSERT INTO lg_insights_daily AS d (program_id, day, merchant_id, store_id, purchases, imported_purchases, spend_minor,
                returns, returned_minor, points_earned, points_redeemed, points_expired, points_reversed, enrolments)
            SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[],
                $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[], $14::bigint[])
            ON CONFLICT (program_id, day, merchant_id, store_id) DO UPDATE SET
                purchases = d.purchases + EXCLUDED.purchases,
                imported_purchases = d.imported_purchases + EXCLUDED.imported_purchases,
                spend_minor = d.spend_minor + EXCLUDED.spend_minor,
                returns = d.returns + EXCLUDED.returns,
                returned_minor = d.returned_minor + EXCLUDED.returned_minor,
                points_earned = d.points_earned + EXCLUDED.points_earned,
                points_redeemed = d.points_redeemed + EXCLUDED.points_redeemed,
                points_expired = d.points_expired + EXCLUDED.points_expired,
                points_reversed = d.points_reversed + EXCLUDED.points_reversed,
                enrolments = d.enrolments + EXCLUDED.enrolments
            """,
            Texts(c.Select(x => x.ProgramId)),
            new NpgsqlParameter { Value = c.Select(x => x.Day).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date },
            Texts(c.Select(x => x.MerchantId)), Texts(c.Select(x => x.StoreId)),
            Longs(c.Select(x => x.Purchases)), Longs(c.Select(x => x.ImportedPurchases)), Longs(c.Select(x => x.SpendMinor)),
            Longs(c.Select(x => x.Returns)), Longs(c.Select(x => x.ReturnedMinor)), Longs(c.Select(x => x.PointsEarned)),
            Longs(c.Select(x => x.PointsRedeemed)), Longs(c.Select(x => x.PointsExpired)), Longs(c.Select(x => x.PointsReversed)),
            Longs(c.Select(x => x.Enrolments))));
    }

    private static async Task<IReadOnlyList<MemberPurchaseDay>> ReadDaysAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var days = new List<MemberPurchaseDay>();
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add(new MemberPurchaseDay(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt64(2), reader.GetInt64(3)));
        }
        return days;
    }

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetDateTime(ordinal), TimeSpan.Zero);

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>Days since 1970-01-01, as the members' purchase-day arrays hold them.</summary>
    private static int DayNumber(DateOnly day) => day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private static NpgsqlParameter Texts(IEnumerable<string?> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlParameter Longs(IEnumerable<long> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };

    private static NpgsqlParameter Times(IEnumerable<DateTimeOffset?> values) =>
        new() { Value = values.Select(v => v?.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz };
}
