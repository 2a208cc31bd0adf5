using LoyaltyGrid.Storage.Messaging;
using Microsoft.Data.Sqlite;

namespace LoyaltyGrid.Storage.Sqlite;

/// <summary>
/// <see cref="IMessageStore"/> in the journal's SQLite file (Migrations/012_messages.sql). A batch is one transaction of
/// the journal's writer connection, taken in turn with the journal's commits: checkpoint first (compare-and-set on its
/// version), then the rows; the single writer makes each program's sequence its commit order.
/// </summary>
public sealed class SqliteMessageStore(SqliteEventStore store) : IMessageStore
{
    private const string Projection = "messages";

    public Task<MessagesCheckpoint> ReadCheckpointAsync(CancellationToken cancellationToken) => Task.FromResult(store.Read(connection =>
    {
        using var command = Command(connection,
            "SELECT commit_pos, stream_id, seq, version, events, updated_at FROM messages_checkpoint WHERE projection = $projection");
        command.Parameters.AddWithValue("$projection", Projection);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException("The messages checkpoint row is missing; was the schema migrated (012_messages)?");
        }
        return new MessagesCheckpoint(new JournalPosition(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)),
            reader.GetInt64(3), reader.GetInt64(4), reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)));
    }));

    public Task<IReadOnlyDictionary<(string ProgramId, string MemberId), MessageRecipientRow>> ReadRecipientsAsync(
        IReadOnlyCollection<(string ProgramId, string MemberId)> keys, CancellationToken cancellationToken) => Task.FromResult(store.Read(connection =>
    {
        var rows = new Dictionary<(string, string), MessageRecipientRow>();
        using var command = Command(connection, RecipientColumns + " WHERE program_id = $program AND member_id = $member");
        var program = command.Parameters.Add("$program", SqliteType.Text);
        var member = command.Parameters.Add("$member", SqliteType.Text);
        foreach (var key in keys.Distinct())
        {
            program.Value = key.ProgramId;
            member.Value = key.MemberId;
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                rows[key] = Recipient(reader);
            }
        }
        return (IReadOnlyDictionary<(string, string), MessageRecipientRow>)rows;
    }));

    public Task<IReadOnlyList<HeldMessage>> ReadDueHeldAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken) => Task.FromResult(store.Read(connection =>
    {
        using var command = Command(connection, """
            SELECT id, program_id, member_id, kind, source_key, occurred_at, data, hold_until FROM messages_held
            WHERE hold_until <= $now ORDER BY hold_until, id LIMIT $max
            """);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$max", maxCount);
        using var reader = command.ExecuteReader();
        var held = new List<HeldMessage>();
        while (reader.Read())
        {
            held.Add(new HeldMessage(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                Time(reader.GetInt64(5)), reader.GetString(6), Time(reader.GetInt64(7))));
        }
        return (IReadOnlyList<HeldMessage>)held;
    }));

    public Task<IReadOnlyList<MessageRecipientRow>> ReadDueExpiryChecksAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult(store.Read(connection =>
        {
            using var command = Command(connection, RecipientColumns + """
                 WHERE expiry_check_at IS NOT NULL AND expiry_check_at <= $now ORDER BY expiry_check_at LIMIT $max
                """);
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$max", maxCount);
            using var reader = command.ExecuteReader();
            var rows = new List<MessageRecipientRow>();
            while (reader.Read())
            {
                rows.Add(Recipient(reader));
            }
            return (IReadOnlyList<MessageRecipientRow>)rows;
        }));

    public Task<bool> ApplyAsync(MessageBatch batch, CancellationToken cancellationToken) => store.WriteAsync((connection, _) =>
    {
        using (var checkpoint = Command(connection, """
            UPDATE messages_checkpoint SET commit_pos = $commit, stream_id = $stream, seq = $seq, version = version + 1,
                events = events + $events, updated_at = $now
            WHERE projection = $projection AND version = $version
            """))
        {
            checkpoint.Parameters.AddWithValue("$commit", batch.To.Commit);
            checkpoint.Parameters.AddWithValue("$stream", batch.To.StreamId);
            checkpoint.Parameters.AddWithValue("$seq", batch.To.Sequence);
            checkpoint.Parameters.AddWithValue("$events", batch.Events);
            checkpoint.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            checkpoint.Parameters.AddWithValue("$projection", Projection);
            checkpoint.Parameters.AddWithValue("$version", batch.FromVersion);
            if (checkpoint.ExecuteNonQuery() != 1)
            {
                return false;
            }
        }
        WriteRecipients(connection, batch.Recipients);
        WriteOutbox(connection, batch.Outbox);
        WriteHeld(connection, batch.Hold, batch.Released);
        WriteCounts(connection, batch.Counts);
        return true;
    }, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> ReadOutboxAsync(string programId, long afterSequence, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult(store.Read(connection =>
        {
            using var command = Command(connection, """
                SELECT seq, member_id, kind, channels, data, occurred_at, created_at, source_key FROM messages_outbox
                WHERE program_id = $program AND seq > $after ORDER BY seq LIMIT $max
                """);
            command.Parameters.AddWithValue("$program", programId);
            command.Parameters.AddWithValue("$after", afterSequence);
            command.Parameters.AddWithValue("$max", maxCount);
            using var reader = command.ExecuteReader();
            var messages = new List<OutboxMessage>();
            while (reader.Read())
            {
                messages.Add(new OutboxMessage(programId, reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3),
                    reader.GetString(4), Time(reader.GetInt64(5)), Time(reader.GetInt64(6)), reader.GetString(7)));
            }
            return (IReadOnlyList<OutboxMessage>)messages;
        }));

    public Task<(IReadOnlyList<MessageCount> Counts, long HeldNow)> ReadCountsAsync(string programId, CancellationToken cancellationToken) =>
        Task.FromResult(store.Read(connection =>
        {
            using var command = Command(connection,
                "SELECT kind, outcome, count FROM messages_counts WHERE program_id = $program ORDER BY kind, outcome");
            command.Parameters.AddWithValue("$program", programId);
            var counts = new List<MessageCount>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    counts.Add(new MessageCount(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2)));
                }
            }
            using var held = Command(connection, "SELECT count(*) FROM messages_held WHERE program_id = $program");
            held.Parameters.AddWithValue("$program", programId);
            return ((IReadOnlyList<MessageCount>)counts, (long)held.ExecuteScalar()!);
        }));

    private const string RecipientColumns = """
        SELECT program_id, member_id, consented, reachable, time_zone, available, pending, held, cap_day, day_count, cap_week,
            week_count, expiry_check_at FROM messages_recipients
        """;

    private static MessageRecipientRow Recipient(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetInt64(5), r.GetInt64(6),
        r.GetInt64(7), r.IsDBNull(8) ? null : r.GetInt32(8), r.GetInt32(9), r.IsDBNull(10) ? null : r.GetInt32(10), r.GetInt32(11),
        r.IsDBNull(12) ? null : Time(r.GetInt64(12)));

    private static void WriteRecipients(SqliteConnection connection, IReadOnlyList<MessageRecipientRow> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }
        using var command = Command(connection, """
            INSERT OR REPLACE INTO messages_recipients VALUES ($p, $m, $consented, $reachable, $tz, $available, $pending, $held,
                $cap_day, $day_count, $cap_week, $week_count, $expiry)
            """);
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$p", row.ProgramId);
            command.Parameters.AddWithValue("$m", row.MemberId);
            command.Parameters.AddWithValue("$consented", row.Consented);
            command.Parameters.AddWithValue("$reachable", row.Reachable);
            command.Parameters.AddWithValue("$tz", (object?)row.TimeZone ?? DBNull.Value);
            command.Parameters.AddWithValue("$available", row.Available);
            command.Parameters.AddWithValue("$pending", row.Pending);
            command.Parameters.AddWithValue("$held", row.Held);
            command.Parameters.AddWithValue("$cap_day", (object?)row.CapDay ?? DBNull.Value);
            command.Parameters.AddWithValue("$day_count", row.DayCount);
            command.Parameters.AddWithValue("$cap_week", (object?)row.CapWeek ?? DBNull.Value);
            command.Parameters.AddWithValue("$week_count", row.WeekCount);
            command.Parameters.AddWithValue("$expiry", (object?)row.ExpiryCheckAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            command.ExecuteNonQuery();
        }
    }

    private static void WriteOutbox(SqliteConnection connection, IReadOnlyList<OutboxMessage> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var next = Command(connection, """
            INSERT INTO messages_programs VALUES ($p, 1) ON CONFLICT (program_id) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq
            """);
        using var insert = Command(connection, """
            INSERT INTO messages_outbox VALUES ($p, $seq, $m, $kind, $channels, $data, $occurred, $created, $source)
            """);
        foreach (var message in messages)
        {
            next.Parameters.Clear();
            next.Parameters.AddWithValue("$p", message.ProgramId);
            var seq = (long)next.ExecuteScalar()!;
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$p", message.ProgramId);
            insert.Parameters.AddWithValue("$seq", seq);
            insert.Parameters.AddWithValue("$m", message.MemberId);
            insert.Parameters.AddWithValue("$kind", message.Kind);
            insert.Parameters.AddWithValue("$channels", message.Channels);
            insert.Parameters.AddWithValue("$data", message.Data);
            insert.Parameters.AddWithValue("$occurred", message.OccurredAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$created", message.CreatedAt == default ? now : message.CreatedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$source", message.SourceKey);
            insert.ExecuteNonQuery();
        }
    }

    private static void WriteHeld(SqliteConnection connection, IReadOnlyList<HeldMessage> hold, IReadOnlyList<long> released)
    {
        using (var delete = Command(connection, "DELETE FROM messages_held WHERE id = $id"))
        {
            foreach (var id in released)
            {
                delete.Parameters.Clear();
                delete.Parameters.AddWithValue("$id", id);
                delete.ExecuteNonQuery();
            }
        }
        using var insert = Command(connection, """
            INSERT INTO messages_held (program_id, member_id, kind, source_key, occurred_at, data, hold_until)
            VALUES ($p, $m, $kind, $source, $occurred, $data, $until)
            """);
        foreach (var message in hold)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$p", message.ProgramId);
            insert.Parameters.AddWithValue("$m", message.MemberId);
            insert.Parameters.AddWithValue("$kind", message.Kind);
            insert.Parameters.AddWithValue("$source", message.SourceKey);
            insert.Parameters.AddWithValue("$occurred", message.OccurredAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$data", message.Data);
            insert.Parameters.AddWithValue("$until", message.HoldUntil.ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
        }
    }

    private static void WriteCounts(SqliteConnection connection, IReadOnlyList<MessageCountChange> counts)
    {
        using var command = Command(connection, """
            INSERT INTO messages_counts VALUES ($p, $kind, $outcome, $count)
            ON CONFLICT (program_id, kind, outcome) DO UPDATE SET count = count + excluded.count
            """);
        foreach (var count in counts)
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$p", count.ProgramId);
            command.Parameters.AddWithValue("$kind", count.Kind);
            command.Parameters.AddWithValue("$outcome", count.Outcome);
            command.Parameters.AddWithValue("$count", count.Count);
            command.ExecuteNonQuery();
        }
    }

    private static DateTimeOffset Time(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
