using LoyaltyGrid.Storage.Messaging;
using Npgsql;
using NpgsqlTypes;

namespace LoyaltyGrid.Storage.PostgreSql;

/// <summary>
/// <see cref="IMessageStore"/> in the journal's PostgreSQL database (Migrations/012_messages.sql). A batch is one
/// transaction: the checkpoint first, compare-and-set on its version (its row lock makes a second silo wait, then find
/// it moved and write nothing), so batches commit one after another and a program's sequence numbers are committed in
/// order: a reader of the outbox never sees a number before every lower one is there.
/// </summary>
public sealed class PostgreSqlMessageStore(NpgsqlDataSource dataSource) : IMessageStore
{
    private const string Projection = "messages";

    private const string RecipientColumns = """
        SELECT program_id, member_id, consented, reachable, time_zone, available, pending, held, cap_day, day_count, cap_week,
            week_count, expiry_check_at FROM lg_messages_recipients
        """;

    public async Task<MessagesCheckpoint> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT commit_pos, stream_id, seq, version, events, updated_at FROM lg_messages_checkpoint WHERE projection = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = Projection });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("The messages checkpoint row is missing; was the schema migrated (012_messages)?");
        }
        return new MessagesCheckpoint(new JournalPosition(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)),
            reader.GetInt64(3), reader.GetInt64(4), reader.IsDBNull(5) ? null : new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero));
    }

    public async Task<IReadOnlyDictionary<(string ProgramId, string MemberId), MessageRecipientRow>> ReadRecipientsAsync(
        IReadOnlyCollection<(string ProgramId, string MemberId)> keys, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<(string, string), MessageRecipientRow>();
        if (keys.Count == 0)
        {
            return rows;
        }
        await using var command = dataSource.CreateCommand(RecipientColumns +
            " WHERE (program_id, member_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))");
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.ProgramId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.MemberId).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = Recipient(reader);
            rows[(row.ProgramId, row.MemberId)] = row;
        }
        return rows;
    }

    public async Task<IReadOnlyList<HeldMessage>> ReadDueHeldAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, program_id, member_id, kind, source_key, occurred_at, data, hold_until FROM lg_messages_held
            WHERE hold_until <= $1 ORDER BY hold_until, id LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = maxCount });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var held = new List<HeldMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            held.Add(new HeldMessage(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                Time(reader.GetDateTime(5)), reader.GetString(6), Time(reader.GetDateTime(7))));
        }
        return held;
    }

    public async Task<IReadOnlyList<MessageRecipientRow>> ReadDueExpiryChecksAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(RecipientColumns +
            " WHERE expiry_check_at IS NOT NULL AND expiry_check_at <= $1 ORDER BY expiry_check_at LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = maxCount });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<MessageRecipientRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Recipient(reader));
        }
        return rows;
    }

    public async Task<bool> ApplyAsync(MessageBatch batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var checkpoint = new NpgsqlCommand("""
            UPDATE lg_messages_checkpoint SET commit_pos = $1, stream_id = $2, seq = $3, version = version + 1, events = events + $4,
                updated_at = now()
            WHERE projection = $5 AND version = $6
            """, connection, transaction))
        {
            checkpoint.Parameters.Add(new NpgsqlParameter { Value = batch.To.Commit });
            checkpoint.Parameters.Add(new NpgsqlParameter { Value = batch.To.StreamId });
            checkpoint.Parameters.Add(new NpgsqlParameter { Value = batch.To.Sequence });
            checkpoint.Parameters.Add(new NpgsqlParameter { Value = batch.Events });
            checkpoint.Parameters.Add(new NpgsqlParameter { Value = Projection });
            checkpoint.Parameters.Add(new NpgsqlParameter { Value = batch.FromVersion });
            if (await checkpoint.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }
        var sequences = await NumberAsync(connection, transaction, batch.Outbox, cancellationToken);
        await using (var writes = new NpgsqlBatch(connection, transaction))
        {
            AddOutbox(writes, batch.Outbox, sequences);
            AddRecipients(writes, batch.Recipients);
            if (batch.Released.Count > 0)
            {
                writes.BatchCommands.Add(Command("DELETE FROM lg_messages_held WHERE id = ANY($1)", Param(batch.Released.ToArray())));
            }
            if (batch.Hold.Count > 0)
            {
                writes.BatchCommands.Add(Command("""
                    INSERT INTO lg_messages_held (program_id, member_id, kind, source_key, occurred_at, data, hold_until)
                    SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::timestamptz[], $6::text[], $7::timestamptz[])
                    """,
                    Param(batch.Hold.Select(h => h.ProgramId).ToArray()), Param(batch.Hold.Select(h => h.MemberId).ToArray()),
                    Param(batch.Hold.Select(h => h.Kind).ToArray()), Param(batch.Hold.Select(h => h.SourceKey).ToArray()),
                    Param(batch.Hold.Select(h => h.OccurredAt.UtcDateTime).ToArray()), Param(batch.Hold.Select(h => h.Data).ToArray()),
                    Param(batch.Hold.Select(h => h.HoldUntil.UtcDateTime).ToArray())));
            }
            if (batch.Counts.Count > 0)
            {
                var counts = batch.Counts.GroupBy(c => (c.ProgramId, c.Kind, c.Outcome)).Select(g => (g.Key, Count: g.Sum(c => c.Count))).ToArray();
                writes.BatchCommands.Add(Command("""
                    INSERT INTO lg_messages_counts SELECT * FROM unnest($1::text[], $2::integer[], $3::integer[], $4::bigint[])
                    ON CONFLICT (program_id, kind, outcome) DO UPDATE SET count = lg_messages_counts.count + excluded.count
                    """,
                    Param(counts.Select(c => c.Key.ProgramId).ToArray()), Param(counts.Select(c => c.Key.Kind).ToArray()),
                    Param(counts.Select(c => c.Key.Outcome).ToArray()), Param(counts.Select(c => c.Count).ToArray())));
            }
            if (writes.BatchCommands.Count > 0)
            {
                await writes.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<OutboxMessage>> ReadOutboxAsync(string programId, long afterSequence, int maxCount, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT seq, member_id, kind, channels, data, occurred_at, created_at, source_key FROM lg_messages_outbox
            WHERE program_id = $1 AND seq > $2 ORDER BY seq LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = programId });
        command.Parameters.Add(new NpgsqlParameter { Value = afterSequence });
        command.Parameters.Add(new NpgsqlParameter { Value = maxCount });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var messages = new List<OutboxMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new OutboxMessage(programId, reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3),
                reader.GetString(4), Time(reader.GetDateTime(5)), Time(reader.GetDateTime(6)), reader.GetString(7)));
        }
        return messages;
    }

    public async Task<(IReadOnlyList<MessageCount> Counts, long HeldNow)> ReadCountsAsync(string programId, CancellationToken cancellationToken)
    {
        var counts = new List<MessageCount>();
        await using (var command = dataSource.CreateCommand(
            "SELECT kind, outcome, count FROM lg_messages_counts WHERE program_id = $1 ORDER BY kind, outcome"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = programId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                counts.Add(new MessageCount(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2)));
            }
        }
        await using var held = dataSource.CreateCommand("SELECT count(*) FROM lg_messages_held WHERE program_id = $1");
        held.Parameters.Add(new NpgsqlParameter { Value = programId });
        return (counts, (long)(await held.ExecuteScalarAsync(cancellationToken))!);
    }

    /// <summary>Takes each program's next sequence numbers for its messages in the batch, in order.</summary>
    private static async Task<long[]> NumberAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken)
    {
        var sequences = new long[outbox.Count];
        foreach (var program in outbox.Select((m, i) => (m.ProgramId, i)).GroupBy(x => x.ProgramId, StringComparer.Ordinal))
        {
            var indexes = program.Select(x => x.i).ToArray();
            await using var command = new NpgsqlCommand("""
                INSERT INTO lg_messages_programs VALUES ($1, $2)
                ON CONFLICT (program_id) DO UPDATE SET last_seq = lg_messages_programs.last_seq + excluded.last_seq RETURNING last_seq
                """, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = program.Key });
            command.Parameters.Add(new NpgsqlParameter { Value = (long)indexes.Length });
            var last = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            for (var j = 0; j < indexes.Length; j++)
            {
                sequences[indexes[j]] = last - indexes.Length + 1 + j;
            }
        }
        return sequences;
    }

    private static void AddOutbox(NpgsqlBatch writes, IReadOnlyList<OutboxMessage> outbox, long[] sequences)
    {
        if (outbox.Count == 0)
        {
            return;
        }
        var now = DateTime.UtcNow;
        writes.BatchCommands.Add(Command("""
            INSERT INTO lg_messages_outbox SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::integer[], $5::integer[], $6::text[],
                $7::timestamptz[], $8::timestamptz[], $9::text[])
            """,
            Param(outbox.Select(m => m.ProgramId).ToArray()), Param(sequences), Param(outbox.Select(m => m.MemberId).ToArray()),
            Param(outbox.Select(m => m.Kind).ToArray()), Param(outbox.Select(m => m.Channels).ToArray()),
            Param(outbox.Select(m => m.Data).ToArray()), Param(outbox.Select(m => m.OccurredAt.UtcDateTime).ToArray()),
            Param(outbox.Select(m => m.CreatedAt == default ? now : m.CreatedAt.UtcDateTime).ToArray()),
            Param(outbox.Select(m => m.SourceKey).ToArray())));
    }

    private static void AddRecipients(NpgsqlBatch writes, IReadOnlyList<MessageRecipientRow> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var last = rows.GroupBy(r => (r.ProgramId, r.MemberId)).Select(g => g.Last()).ToArray();
        writes.BatchCommands.Add(Command("""
            INSERT INTO lg_messages_recipients SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::integer[], $5::text[],
                $6::bigint[], $7::bigint[], $8::bigint[], $9::integer[], $10::integer[], $11::integer[], $12::integer[], $13::timestamptz[])
            ON CONFLICT (program_id, member_id) DO UPDATE SET consented = excluded.consented, reachable = excluded.reachable,
                time_zone = excluded.time_zone, available = excluded.available, pending = excluded.pending, held = excluded.held,
                cap_day = excluded.cap_day, day_count = excluded.day_count, cap_week = excluded.cap_week, week_count = excluded.week_count,
                expiry_check_at = excluded.expiry_check_at
            """,
            Param(last.Select(r => r.ProgramId).ToArray()), Param(last.Select(r => r.MemberId).ToArray()),
            Param(last.Select(r => r.Consented).ToArray()), Param(last.Select(r => r.Reachable).ToArray()),
            Param(last.Select(r => r.TimeZone).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
            Param(last.Select(r => r.Available).ToArray()), Param(last.Select(r => r.Pending).ToArray()), Param(last.Select(r => r.Held).ToArray()),
            Param(last.Select(r => r.CapDay).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer), Param(last.Select(r => r.DayCount).ToArray()),
            Param(last.Select(r => r.CapWeek).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer), Param(last.Select(r => r.WeekCount).ToArray()),
            Param(last.Select(r => r.ExpiryCheckAt?.UtcDateTime).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)));
    }

    private static MessageRecipientRow Recipient(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetInt64(5), r.GetInt64(6),
        r.GetInt64(7), r.IsDBNull(8) ? null : r.GetInt32(8), r.GetInt32(9), r.IsDBNull(10) ? null : r.GetInt32(10), r.GetInt32(11),
        r.IsDBNull(12) ? null : Time(r.GetDateTime(12)));

    private static DateTimeOffset Time(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    private static NpgsqlParameter Param<T>(T value) => new() { Value = value };

    private static NpgsqlParameter Param(object value, NpgsqlDbType type) => new() { Value = value, NpgsqlDbType = type };

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
