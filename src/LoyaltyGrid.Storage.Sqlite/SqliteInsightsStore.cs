using System.Globalization;
using LoyaltyGrid.Storage.Insights;
using Microsoft.Data.Sqlite;

namespace LoyaltyGrid.Storage.Sqlite;

/// <summary>
/// <see cref="IInsightsStore"/> in the journal's own SQLite file (tables of Migrations/004_insights.sql). A batch and
/// its checkpoint are one transaction of the journal's writer connection, taken in turn with the journal's commits, so
/// a crash keeps both or neither.
/// </summary>
public sealed partial class SqliteInsightsStore(SqliteEventStore store) : IInsightsStore
{
    private const string Projection = "insights";

    public Task<InsightsCheckpoint> ReadCheckpointAsync(CancellationToken cancellationToken) => Task.FromResult(store.Read(connection =>
    {
        using var command = Command(connection,
            "SELECT commit_pos, stream_id, seq, events, updated_at FROM insights_checkpoint WHERE projection = $projection");
        command.Parameters.AddWithValue("$projection", Projection);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException("The insights checkpoint row is missing; was the schema migrated (004_insights)?");
        }
        return new InsightsCheckpoint(
            new JournalPosition(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)), reader.GetInt64(3),
            reader.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));
    }));

    public Task<bool> ApplyAsync(InsightsBatch batch, CancellationToken cancellationToken) => store.WriteAsync((connection, _) =>
    {
        // The checkpoint first: if it moved (another writer, a rebuild), nothing else is written.
        using (var checkpoint = Command(connection, """
            UPDATE insights_checkpoint SET commit_pos = $to_commit, stream_id = $to_stream, seq = $to_seq,
                events = events + $events, updated_at = $now
            WHERE projection = $projection AND commit_pos = $from_commit AND stream_id = $from_stream AND seq = $from_seq
            """))
        {
            checkpoint.Parameters.AddWithValue("$projection", Projection);
            checkpoint.Parameters.AddWithValue("$to_commit", batch.To.Commit);
            checkpoint.Parameters.AddWithValue("$to_stream", batch.To.StreamId);
            checkpoint.Parameters.AddWithValue("$to_seq", batch.To.Sequence);
            checkpoint.Parameters.AddWithValue("$from_commit", batch.From.Commit);
            checkpoint.Parameters.AddWithValue("$from_stream", batch.From.StreamId);
            checkpoint.Parameters.AddWithValue("$from_seq", batch.From.Sequence);
            checkpoint.Parameters.AddWithValue("$events", batch.Events);
            checkpoint.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            if (checkpoint.ExecuteNonQuery() != 1)
            {
                return false;
            }
        }
        ApplyMembers(connection, batch.Members);
        ApplyMemberDays(connection, batch.MemberDays);
        ApplyDaily(connection, batch.Daily);
        ApplyMemberStoreDays(connection, batch.MemberStoreDays);
        ApplySettlement(connection, batch);
        ApplyFeedback(connection, batch.Feedback);
        ApplySegmentMembers(connection, batch.SegmentMembers);
        ApplyReferrals(connection, batch);
        return true;
    }, cancellationToken);

    public Task ResetAsync(CancellationToken cancellationToken) => store.WriteAsync((connection, _) =>
    {
        using var command = Command(connection, """
            DELETE FROM insights_members;
            DELETE FROM insights_member_days;
            DELETE FROM insights_daily;
            DELETE FROM insights_member_store_days;
            DELETE FROM insights_settlement_days;
            DELETE FROM insights_settlement_entries;
            DELETE FROM insights_settlement_origins;
            DELETE FROM insights_benefit_uses;
            DELETE FROM insights_reward_redemptions;
            DELETE FROM insights_staff_days;
            DELETE FROM insights_feedback;
            DELETE FROM insights_segment_members;
            DELETE FROM insights_referrals;
            DELETE FROM insights_contact_digests;
            UPDATE insights_checkpoint SET commit_pos = -1, stream_id = '', seq = 0, events = 0, updated_at = $now WHERE projection = $projection;
            """);
        command.Parameters.AddWithValue("$projection", Projection);
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery();
    }, cancellationToken);

    public Task<IReadOnlyList<MemberPurchaseDay>> ReadPurchaseDaysAsync(
        string programId, DateOnly from, DateOnly until, CancellationToken cancellationToken) => Task.FromResult(store.Read(connection =>
    {
        using var command = Command(connection, """
            SELECT member_id, day, purchases, spend_minor FROM insights_member_days
            WHERE program_id = $program AND day >= $from AND day < $until ORDER BY member_id, day
            """);
        command.Parameters.AddWithValue("$program", programId);
        command.Parameters.AddWithValue("$from", Day(from));
        command.Parameters.AddWithValue("$until", Day(until));
        return ReadDays(command);
    }));

    public Task<IReadOnlyList<MemberPurchaseDay>> ReadMemberPurchaseDaysAsync(
        string programId, string memberId, CancellationToken cancellationToken) => Task.FromResult(store.Read(connection =>
    {
        using var command = Command(connection, """
            SELECT member_id, day, purchases, spend_minor FROM insights_member_days
            WHERE program_id = $program AND member_id = $member ORDER BY day
            """);
        command.Parameters.AddWithValue("$program", programId);
        command.Parameters.AddWithValue("$member", memberId);
        return ReadDays(command);
    }));

    public Task<ProgramTotals> ReadProgramTotalsAsync(
        string programId, DateOnly from, DateOnly until, MetricsFilter filter, CancellationToken cancellationToken) =>
        Task.FromResult(store.Read(connection =>
        {
            // As on PostgreSQL: with a merchant, its store days, where one member's day at two stores is two rows.
            var days = filter.MerchantId is null ? "insights_member_days" : "insights_member_store_days";
            var at = (filter.MerchantId is null ? "" : " AND merchant_id = $merchant") + (filter.StoreId is null ? "" : " AND store_id = $store");
            using var command = Command(connection, $"""
                SELECT
                    (SELECT COUNT(*) FROM insights_members WHERE program_id = $program AND (enrolled_at IS NULL OR enrolled_at < $until_at)),
                    (SELECT COUNT(*) FROM insights_members WHERE program_id = $program AND enrolled_at >= $from_at AND enrolled_at < $until_at),
                    (SELECT COUNT(*) FROM (SELECT member_id FROM {days}
                        WHERE program_id = $program{at} AND day >= $from AND day < $until GROUP BY member_id)),
                    (SELECT COUNT(*) FROM (SELECT member_id FROM {days}
                        WHERE program_id = $program{at} AND day >= $from AND day < $until GROUP BY member_id HAVING COUNT(DISTINCT day) >= 2)),
                    COALESCE(SUM(purchases), 0), COALESCE(SUM(spend_minor), 0), COALESCE(SUM(points_earned), 0),
                    COALESCE(SUM(points_redeemed), 0), COALESCE(SUM(points_expired), 0),
                    (SELECT COUNT(*) FROM (SELECT member_id FROM {days}
                        WHERE program_id = $program{at} AND day < $until GROUP BY member_id HAVING MAX(day) < $cutoff))
                FROM insights_daily WHERE program_id = $program{at} AND day >= $from AND day < $until
                """);
            command.Parameters.AddWithValue("$program", programId);
            command.Parameters.AddWithValue("$from", Day(from));
            command.Parameters.AddWithValue("$until", Day(until));
            command.Parameters.AddWithValue("$cutoff", Day(until.AddDays(-filter.ChurnDays)));
            command.Parameters.AddWithValue("$from_at", Midnight(from));
            command.Parameters.AddWithValue("$until_at", Midnight(until));
            command.Parameters.AddWithValue("$merchant", (object?)filter.MerchantId ?? DBNull.Value);
            command.Parameters.AddWithValue("$store", (object?)filter.StoreId ?? DBNull.Value);
            using var reader = command.ExecuteReader();
            reader.Read();
            return new ProgramTotals(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9));
        }));

    public Task<RetentionCounts> ReadRetentionAsync(
        string programId, bool byFirstPurchase, DateOnly fromMonth, DateOnly untilMonth, int maxMonthsAfter, CancellationToken cancellationToken) =>
        Task.FromResult(store.Read(connection =>
        {
            // The column is one of two constants, never input; months are 'yyyy-MM-01', so a day's month is its text's start.
            var since = byFirstPurchase ? "first_purchase_at" : "enrolled_at";
            using var command = Command(connection, $"""
                WITH c AS (
                    SELECT member_id, strftime('%Y-%m-01', {since} / 1000, 'unixepoch') AS cohort FROM insights_members
                    WHERE program_id = $program AND {since} >= $from_at AND {since} < $until_at)
                SELECT cohort, -1, COUNT(*) FROM c GROUP BY cohort
                UNION ALL
                SELECT cohort, k, COUNT(*) FROM (
                    SELECT DISTINCT c.cohort, c.member_id,
                        (CAST(substr(d.day, 1, 4) AS INTEGER) - CAST(substr(c.cohort, 1, 4) AS INTEGER)) * 12
                            + CAST(substr(d.day, 6, 2) AS INTEGER) - CAST(substr(c.cohort, 6, 2) AS INTEGER) AS k
                    FROM c JOIN insights_member_days d ON d.program_id = $program AND d.member_id = c.member_id AND d.day >= c.cohort)
                WHERE k <= $months
                GROUP BY cohort, k
                """);
            command.Parameters.AddWithValue("$program", programId);
            command.Parameters.AddWithValue("$from_at", Midnight(fromMonth));
            command.Parameters.AddWithValue("$until_at", Midnight(untilMonth));
            command.Parameters.AddWithValue("$months", maxMonthsAfter);
            using var reader = command.ExecuteReader();
            var cohorts = new List<CohortSize>();
            var cells = new List<RetentionCell>();
            while (reader.Read())
            {
                var month = DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture);
                var (k, members) = (reader.GetInt32(1), reader.GetInt64(2));
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
        }));

    public Task<IReadOnlyList<MonthlyPoints>> ReadMonthlyPointsAsync(string programId, CancellationToken cancellationToken) =>
        Task.FromResult(store.Read<IReadOnlyList<MonthlyPoints>>(connection =>
        {
            using var command = Command(connection, """
                SELECT substr(day, 1, 7) || '-01' AS month, SUM(points_earned), SUM(points_redeemed), SUM(points_expired), SUM(points_reversed)
                FROM insights_daily WHERE program_id = $program GROUP BY month ORDER BY month
                """);
            command.Parameters.AddWithValue("$program", programId);
            using var reader = command.ExecuteReader();
            var months = new List<MonthlyPoints>();
            while (reader.Read())
            {
                months.Add(new MonthlyPoints(DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
            }
            return months;
        }));

    public Task<MemberFacts?> ReadMemberAsync(string programId, string memberId, CancellationToken cancellationToken) => Task.FromResult(store.Read(connection =>
    {
        using var command = Command(connection, """
            SELECT enrolled_at, first_purchase_at, last_purchase_at, purchases, imported_purchases, spend_minor, returns, returned_minor,
                points_earned, points_redeemed, points_expired, points_reversed, tier_id,
                (SELECT COUNT(*) FROM insights_member_days d WHERE d.program_id = m.program_id AND d.member_id = m.member_id)
            FROM insights_members m WHERE program_id = $program AND member_id = $member
            """);
        command.Parameters.AddWithValue("$program", programId);
        command.Parameters.AddWithValue("$member", memberId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        return new MemberFacts(programId, memberId, Time(reader, 0), Time(reader, 1), Time(reader, 2),
            reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7),
            reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10), reader.GetInt64(11),
            reader.IsDBNull(12) ? null : reader.GetString(12), reader.GetInt64(13));
    }));

    public Task<IReadOnlyList<FeedbackDayCounts>> ReadFeedbackCountsAsync(string programId, FeedbackFilter filter, CancellationToken cancellationToken) =>
        Task.FromResult(store.Read<IReadOnlyList<FeedbackDayCounts>>(connection =>
        {
            using var command = Command(connection, $"""
                SELECT day, merchant_id, store_id, terminal_id, reward_points > 0, COUNT(*), COUNT(transaction_id), COUNT(nps),
                    COALESCE(SUM(nps >= 9), 0), COALESCE(SUM(nps <= 6), 0), COUNT(csat), COALESCE(SUM(csat >= 4), 0)
                FROM insights_feedback WHERE program_id = $program{Where(filter)}
                GROUP BY day, merchant_id, store_id, terminal_id, reward_points > 0
                """);
            Bind(command, programId, filter);
            using var reader = command.ExecuteReader();
            var rows = new List<FeedbackDayCounts>();
            while (reader.Read())
            {
                rows.Add(new FeedbackDayCounts(DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4) != 0, reader.GetInt64(5), reader.GetInt64(6),
                    reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10), reader.GetInt64(11)));
            }
            return rows;
        }));

    public Task<IReadOnlyList<StorePurchaseDay>> ReadStorePurchasesAsync(string programId, FeedbackFilter filter, CancellationToken cancellationToken) =>
        Task.FromResult(store.Read<IReadOnlyList<StorePurchaseDay>>(connection =>
        {
            using var command = Command(connection, $"""
                SELECT day, merchant_id, store_id, SUM(purchases - imported_purchases) FROM insights_daily
                WHERE program_id = $program{Where(filter)}
                GROUP BY day, merchant_id, store_id HAVING SUM(purchases - imported_purchases) > 0
                """);
            Bind(command, programId, filter);
            using var reader = command.ExecuteReader();
            var rows = new List<StorePurchaseDay>();
            while (reader.Read())
            {
                rows.Add(new StorePurchaseDay(DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
            }
            return rows;
        }));

    public Task<FeedbackPage> ListFeedbackAsync(string programId, FeedbackFilter filter, bool detractorsOnly, int pageSize, FeedbackCursor? after,
        CancellationToken cancellationToken) => Task.FromResult(store.Read(connection =>
    {
        var where = Where(filter) + (detractorsOnly ? " AND (nps <= 6 OR csat <= 2)" : "")
            + (after is null ? "" : " AND (recorded_at < $after_at OR (recorded_at = $after_at AND feedback_id < $after_id))");
        using var command = Command(connection, $"""
            SELECT feedback_id, member_id, transaction_id, merchant_id, store_id, terminal_id, nps, csat, comment, channel, reward_points,
                recorded_at
            FROM insights_feedback WHERE program_id = $program{where}
            ORDER BY recorded_at DESC, feedback_id DESC LIMIT $limit
            """);
        Bind(command, programId, filter);
        command.Parameters.AddWithValue("$after_at", (object?)after?.RecordedAt.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$after_id", (object?)after?.FeedbackId ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", pageSize + 1);
        using var reader = command.ExecuteReader();
        var rows = new List<FeedbackRow>();
        while (reader.Read())
        {
            rows.Add(new FeedbackRow(programId, reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetInt32(9),
                reader.GetInt64(10), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11))));
        }
        return FeedbackPageOf(rows, pageSize);
    }));

    private static FeedbackPage FeedbackPageOf(List<FeedbackRow> rows, int pageSize)
    {
        if (rows.Count <= pageSize)
        {
            return new FeedbackPage(rows, null);
        }
        rows.RemoveAt(pageSize);
        return new FeedbackPage(rows, new FeedbackCursor(rows[^1].RecordedAt, rows[^1].FeedbackId));
    }

    /// <summary>The filter's conditions; its values are bound by <see cref="Bind"/>, never written into the text.</summary>
    private static string Where(FeedbackFilter filter) =>
        (filter.MerchantId is null ? "" : " AND merchant_id = $merchant") + (filter.StoreId is null ? "" : " AND store_id = $store")
        + (filter.From is null ? "" : " AND day >= $from") + (filter.Until is null ? "" : " AND day < $until");

    private static void Bind(SqliteCommand command, string programId, FeedbackFilter filter)
    {
        command.Parameters.AddWithValue("$program", programId);
        command.Parameters.AddWithValue("$merchant", (object?)filter.MerchantId ?? DBNull.Value);
        command.Parameters.AddWithValue("$store", (object?)filter.StoreId ?? DBNull.Value);
        command.Parameters.AddWithValue("$from", filter.From is { } from ? Day(from) : DBNull.Value);
        command.Parameters.AddWithValue("$until", filter.Until is { } until ? Day(until) : DBNull.Value);
    }

    private static void ApplyFeedback(SqliteConnection connection, IReadOnlyList<FeedbackRow> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }
        using var command = Command(connection, """
            INSERT INTO insights_feedback (program_id, feedback_id, member_id, transaction_id, merchant_id, store_id, terminal_id, day,
                recorded_at, nps, csat, comment, channel, reward_points)
            VALUES ($program, $feedback, $member, $transaction, $merchant, $store, $terminal, $day, $at, $nps, $csat, $comment, $channel, $reward)
            ON CONFLICT (program_id, feedback_id) DO NOTHING
            """);
        var p = Parameters(command, "$program", "$feedback", "$member", "$transaction", "$merchant", "$store", "$terminal", "$day", "$at",
            "$nps", "$csat", "$comment", "$channel", "$reward");
        foreach (var r in rows)
        {
            Set(p, r.ProgramId, r.FeedbackId, r.MemberId, r.TransactionId, r.MerchantId, r.StoreId, r.TerminalId,
                Day(DateOnly.FromDateTime(r.RecordedAt.UtcDateTime)), r.RecordedAt.ToUnixTimeMilliseconds(), r.Nps, r.Csat, r.Comment, r.Channel,
                r.RewardPoints);
            command.ExecuteNonQuery();
        }
    }

    private static void ApplyMembers(SqliteConnection connection, IReadOnlyList<MemberFactsChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }
        using var command = Command(connection, """
            INSERT INTO insights_members (program_id, member_id, enrolled_at, first_purchase_at, last_purchase_at, purchases,
                imported_purchases, spend_minor, returns, returned_minor, points_earned, points_redeemed, points_expired,
                points_reversed, tier_id, tier_seq)
            VALUES ($program, $member, $enrolled, $first, $last, $purchases, $imported, $spend, $returns, $returned,
                $earned, $redeemed, $expired, $reversed, $tier, $tier_seq)
            ON CONFLICT (program_id, member_id) DO UPDATE SET
                enrolled_at = COALESCE(enrolled_at, excluded.enrolled_at),
                first_purchase_at = CASE WHEN first_purchase_at IS NULL OR excluded.first_purchase_at < first_purchase_at
                    THEN excluded.first_purchase_at ELSE first_purchase_at END,
                last_purchase_at = CASE WHEN last_purchase_at IS NULL OR excluded.last_purchase_at > last_purchase_at
                    THEN excluded.last_purchase_at ELSE last_purchase_at END,
                purchases = purchases + excluded.purchases,
                imported_purchases = imported_purchases + excluded.imported_purchases,
                spend_minor = spend_minor + excluded.spend_minor,
                returns = returns + excluded.returns,
                returned_minor = returned_minor + excluded.returned_minor,
                points_earned = points_earned + excluded.points_earned,
                points_redeemed = points_redeemed + excluded.points_redeemed,
                points_expired = points_expired + excluded.points_expired,
                points_reversed = points_reversed + excluded.points_reversed,
                tier_id = CASE WHEN excluded.tier_seq > tier_seq THEN excluded.tier_id ELSE tier_id END,
                tier_seq = MAX(tier_seq, excluded.tier_seq)
            """);
        var p = Parameters(command, "$program", "$member", "$enrolled", "$first", "$last", "$purchases", "$imported", "$spend",
            "$returns", "$returned", "$earned", "$redeemed", "$expired", "$reversed", "$tier", "$tier_seq");
        foreach (var c in changes)
        {
            Set(p, c.ProgramId, c.MemberId, Millis(c.EnrolledAt), Millis(c.FirstPurchaseAt), Millis(c.LastPurchaseAt), c.Purchases,
                c.ImportedPurchases, c.SpendMinor, c.Returns, c.ReturnedMinor, c.PointsEarned, c.PointsRedeemed, c.PointsExpired,
                c.PointsReversed, c.TierId, c.TierSequence);
            command.ExecuteNonQuery();
        }
    }

    private static void ApplyMemberDays(SqliteConnection connection, IReadOnlyList<MemberDayChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }
        using var command = Command(connection, """
            INSERT INTO insights_member_days (program_id, member_id, day, purchases, spend_minor) VALUES ($program, $member, $day, $purchases, $spend)
            ON CONFLICT (program_id, member_id, day) DO UPDATE SET
                purchases = purchases + excluded.purchases, spend_minor = spend_minor + excluded.spend_minor
            """);
        var p = Parameters(command, "$program", "$member", "$day", "$purchases", "$spend");
        foreach (var c in changes)
        {
            Set(p, c.ProgramId, c.MemberId, Day(c.Day), c.Purchases, c.SpendMinor);
            command.ExecuteNonQuery();
        }
    }

    private static void ApplyMemberStoreDays(SqliteConnection connection, IReadOnlyList<MemberStoreDayChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }
        using var command = Command(connection, """
            INSERT INTO insights_member_store_days (program_id, merchant_id, store_id, member_id, day)
            VALUES ($program, $merchant, $store, $member, $day)
            ON CONFLICT DO NOTHING
            """);
        var p = Parameters(command, "$program", "$merchant", "$store", "$member", "$day");
        foreach (var c in changes)
        {
            Set(p, c.ProgramId, c.MerchantId, c.StoreId, c.MemberId, Day(c.Day));
            command.ExecuteNonQuery();
        }
    }

    private static void ApplyDaily(SqliteConnection connection, IReadOnlyList<DailyChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }
        using var command = Command(connection, """
            INSERT INTO insights_daily (program_id, day, merchant_id, store_id, purchases, imported_purchases, spend_minor, returns,
                returned_minor, points_earned, points_redeemed, points_expired, points_reversed, enrolments)
            VALUES ($program, $day, $merchant, $store, $purchases, $imported, $spend, $returns, $returned, $earned, $redeemed,
                $expired, $reversed, $enrolments)
            ON CONFLICT (program_id, day, merchant_id, store_id) DO UPDATE SET
                purchases = purchases + excluded.purchases,
                imported_purchases = imported_purchases + excluded.imported_purchases,
                spend_minor = spend_minor + excluded.spend_minor,
                returns = returns + excluded.returns,
                returned_minor = returned_minor + excluded.returned_minor,
                points_earned = points_earned + excluded.points_earned,
                points_redeemed = points_redeemed + excluded.points_redeemed,
                points_expired = points_expired + excluded.points_expired,
                points_reversed = points_reversed + excluded.points_reversed,
                enrolments = enrolments + excluded.enrolments
            """);
        var p = Parameters(command, "$program", "$day", "$merchant", "$store", "$purchases", "$imported", "$spend", "$returns",
            "$returned", "$earned", "$redeemed", "$expired", "$reversed", "$enrolments");
        foreach (var c in changes)
        {
            Set(p, c.ProgramId, Day(c.Day), c.MerchantId, c.StoreId, c.Purchases, c.ImportedPurchases, c.SpendMinor, c.Returns,
                c.ReturnedMinor, c.PointsEarned, c.PointsRedeemed, c.PointsExpired, c.PointsReversed, c.Enrolments);
            command.ExecuteNonQuery();
        }
    }

    private static IReadOnlyList<MemberPurchaseDay> ReadDays(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var days = new List<MemberPurchaseDay>();
        while (reader.Read())
        {
            days.Add(new MemberPurchaseDay(reader.GetString(0),
                DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetInt64(2), reader.GetInt64(3)));
        }
        return days;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static long Midnight(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static long? Millis(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds();

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    private static SqliteParameter[] Parameters(SqliteCommand command, params string[] names) =>
        names.Select(n => command.Parameters.AddWithValue(n, DBNull.Value)).ToArray();

    /// <summary>Binds one row; each parameter takes its value's own type (integer, text, null).</summary>
    private static void Set(SqliteParameter[] parameters, params object?[] values)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
