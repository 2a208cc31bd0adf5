using Npgsql;
using NpgsqlTypes;

namespace LoyaltyGrid.Storage.PostgreSql;

/// <summary>
/// <see cref="IEventStore"/> on PostgreSQL. A group commit is one batch of at most three statements sent in
/// one round trip, which PostgreSQL runs as one implicit transaction: one WAL flush for all its members.
/// </summary>
public sealed class PostgreSqlEventStore(NpgsqlDataSource dataSource) : IEventStore, IJournalFeed
{
    private const string UniqueViolation = "23505";

    /// <summary>A row's payload bytes: <c>body</c>, or for a row written before schema version 2 its JSON text as UTF-8.</summary>
    private const string PayloadColumn = "COALESCE(body, convert_to(payload, 'UTF8'))";

    /// <summary>The schema scripts (Migrations/NNN_name.sql), lowest version first.</summary>
    public static IReadOnlyList<SqlMigration> Migrations { get; } = SqlMigration.Load(typeof(PostgreSqlEventStore).Assembly);

    /// <summary>
    /// Brings the schema to the latest version: applies the scripts above the version recorded in lg_schema_versions,
    /// in order, in one transaction. A database made before versioning (no lg_schema_versions) is at version 0, and
    /// script 001 is exactly the schema it has, so it is upgraded in place.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Several silos may start at once: one of them migrates, the others wait for the lock and then find nothing to do.
        await using (var command = new NpgsqlCommand("""
            SELECT pg_advisory_xact_lock(7283461);
            CREATE TABLE IF NOT EXISTS lg_schema_versions (
                version    integer     NOT NULL PRIMARY KEY,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now());
            """, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        int current;
        await using (var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM lg_schema_versions", connection, transaction))
        {
            current = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        // A database at a later version than this code knows was migrated by a newer release (a rolling upgrade): the
        // scripts only add, so this code keeps working on it and changes nothing.
        foreach (var migration in Migrations.Where(m => m.Version > current))
        {
            await using var command = new NpgsqlCommand(migration.Sql, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO lg_schema_versions (version, name) VALUES ($1, $2)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task AppendAsync(IReadOnlyList<StreamAppend> appends, CancellationToken cancellationToken)
    {
        var count = appends.Sum(a => a.Payloads.Count);
        var streams = new string[count];
        var sequences = new long[count];
        var payloads = new byte[count][];
        var firstStreams = new string[appends.Count];
        var firstSequences = new long[appends.Count];
        var wakeStreams = new List<string>();
        var wakeTimes = new List<long>();
        var clearedStreams = new List<string>();
        var row = 0;
        for (var a = 0; a < appends.Count; a++)
        {
            var append = appends[a];
            firstStreams[a] = append.StreamId;
            firstSequences[a] = append.FirstSequence;
            for (var i = 0; i < append.Payloads.Count; i++, row++)
            {
                streams[row] = append.StreamId;
                sequences[row] = append.FirstSequence + i;
                payloads[row] = append.Payloads[i];
            }
            if (append.WakeUp is { DueAt: { } due })
            {
                wakeStreams.Add(append.StreamId);
                wakeTimes.Add(due.ToUnixTimeMilliseconds());
            }
            else if (append.WakeUp is not null)
            {
                clearedStreams.Add(append.StreamId);
            }
        }

        await using var batch = dataSource.CreateBatch();
        // The first statement refuses a gap: every append must start right after its stream's last event. That is, the
        // event before its first is there (one probe of the primary key; a third of the cost of reading the stream's
        // max(seq)), and its first is not, which the primary key refuses in the insert.
        batch.BatchCommands.Add(Command("""
            SELECT 1 / (COUNT(*) = 0)::int FROM unnest($1::text[], $2::bigint[]) AS a(stream_id, first_seq)
            WHERE a.first_seq > 1 AND NOT EXISTS (SELECT FROM lg_events e WHERE e.stream_id = a.stream_id AND e.seq = a.first_seq - 1)
            """, Array(NpgsqlDbType.Text, firstStreams), Array(NpgsqlDbType.Bigint, firstSequences)));
        batch.BatchCommands.Add(Command("""
            INSERT INTO lg_events (stream_id, seq, recorded_at, body)
            SELECT s, q, $3, p FROM unnest($1::text[], $2::bigint[], $4::bytea[]) AS t(s, q, p)
            """,
            Array(NpgsqlDbType.Text, streams), Array(NpgsqlDbType.Bigint, sequences),
            new NpgsqlParameter { Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), NpgsqlDbType = NpgsqlDbType.Bigint },
            Array(NpgsqlDbType.Bytea, payloads)));
        if (wakeStreams.Count > 0)
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO lg_wakeups (stream_id, due_at) SELECT * FROM unnest($1::text[], $2::bigint[])
                ON CONFLICT (stream_id) DO UPDATE SET due_at = EXCLUDED.due_at
                """, Array(NpgsqlDbType.Text, wakeStreams.ToArray()), Array(NpgsqlDbType.Bigint, wakeTimes.ToArray())));
        }
        if (clearedStreams.Count > 0)
        {
            batch.BatchCommands.Add(Command("DELETE FROM lg_wakeups WHERE stream_id = ANY($1)",
                Array(NpgsqlDbType.Text, clearedStreams.ToArray())));
        }
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is UniqueViolation or PostgresErrorCodes.DivisionByZero)
        {
            throw new ConcurrencyConflictException("An append did not start right after its stream's last event.", ex);
        }
    }

    /// <summary>
    /// One transaction of three round trips whatever the number of streams: insert every first event with
    /// <c>ON CONFLICT DO NOTHING RETURNING</c> (so a stream that exists, or that a concurrent writer commits first, is
    /// skipped rather than failing the batch), then in one batch take back the rows of creations that were not made
    /// whole, set the created streams' wake-ups, and read the first events of the streams that were there already.
    /// </summary>
    public async Task<IReadOnlyList<StreamCreationResult>> CreateStreamsAsync(
        IReadOnlyList<StreamCreation> creations, CancellationToken cancellationToken)
    {
        StreamCreations.Validate(creations);
        if (creations.Count == 0)
        {
            return [];
        }
        // Rows in stream id order, so that two imports touching the same streams lock them in the same order.
        var rows = creations.SelectMany(c => c.Streams).SelectMany(a => a.Payloads.Select((p, i) => (a.StreamId, Seq: 1L + i, Payload: p)))
            .OrderBy(r => r.StreamId, StringComparer.Ordinal).ThenBy(r => r.Seq).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = new HashSet<(string, long)>();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO lg_events (stream_id, seq, recorded_at, body)
            SELECT s, q, $3, p FROM unnest($1::text[], $2::bigint[], $4::bytea[]) AS t(s, q, p)
            ON CONFLICT DO NOTHING
            RETURNING stream_id, seq
            """, connection, transaction))
        {
            insert.Parameters.Add(Array(NpgsqlDbType.Text, rows.Select(r => r.StreamId).ToArray()));
            insert.Parameters.Add(Array(NpgsqlDbType.Bigint, rows.Select(r => r.Seq).ToArray()));
            insert.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(Array(NpgsqlDbType.Bytea, rows.Select(r => r.Payload).ToArray()));
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                inserted.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        // A creation is made if every one of its streams got its first event from us; otherwise what we did insert of
        // it (events of other streams, or later events of an existing stream) is taken back.
        var created = creations.Select(c => c.Streams.All(a => inserted.Contains((a.StreamId, 1L)))).ToArray();
        var undoStreams = new List<string>();
        var undoSequences = new List<long>();
        var wakeStreams = new List<string>();
        var wakeTimes = new List<long>();
        var clearStreams = new List<string>();
        var existing = new List<string>();
        for (var c = 0; c < creations.Count; c++)
        {
            foreach (var append in creations[c].Streams)
            {
                if (!created[c])
                {
                    for (var seq = 1L; seq <= append.Payloads.Count; seq++)
                    {
                        if (inserted.Contains((append.StreamId, seq)))
                        {
                            undoStreams.Add(append.StreamId);
                            undoSequences.Add(seq);
                        }
                    }
                    existing.Add(append.StreamId);
                }
                else if (append.WakeUp is { DueAt: { } due })
                {
                    wakeStreams.Add(append.StreamId);
                    wakeTimes.Add(due.ToUnixTimeMilliseconds());
                }
                else if (append.WakeUp is not null)
                {
                    clearStreams.Add(append.StreamId);
                }
            }
        }
        var firstPayloads = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            if (undoStreams.Count > 0)
            {
                batch.BatchCommands.Add(Command(
                    "DELETE FROM lg_events e USING unnest($1::text[], $2::bigint[]) AS u(s, q) WHERE e.stream_id = u.s AND e.seq = u.q",
                    Array(NpgsqlDbType.Text, undoStreams.ToArray()), Array(NpgsqlDbType.Bigint, undoSequences.ToArray())));
            }
            if (wakeStreams.Count > 0)
            {
                batch.BatchCommands.Add(Command("""
                    INSERT INTO lg_wakeups (stream_id, due_at) SELECT * FROM unnest($1::text[], $2::bigint[])
                    ON CONFLICT (stream_id) DO UPDATE SET due_at = EXCLUDED.due_at
                    """, Array(NpgsqlDbType.Text, wakeStreams.ToArray()), Array(NpgsqlDbType.Bigint, wakeTimes.ToArray())));
            }
            if (clearStreams.Count > 0)
            {
                batch.BatchCommands.Add(Command("DELETE FROM lg_wakeups WHERE stream_id = ANY($1)",
                    Array(NpgsqlDbType.Text, clearStreams.ToArray())));
            }
            // Last, so that the reader below reads this statement's rows.
            batch.BatchCommands.Add(Command("SELECT stream_id, " + PayloadColumn + " FROM lg_events WHERE stream_id = ANY($1) AND seq = 1",
                Array(NpgsqlDbType.Text, existing.ToArray())));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    firstPayloads[reader.GetString(0)] = reader.GetFieldValue<byte[]>(1);
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return creations.Select((creation, c) => created[c]
            ? StreamCreationResult.Made
            : new StreamCreationResult(false, creation.Streams.Select(a => firstPayloads.GetValueOrDefault(a.StreamId)).ToArray())).ToArray();
    }

    public Task<IReadOnlyList<StoredEvent>> ReadForwardAsync(string streamId, long afterSequence, CancellationToken cancellationToken) =>
        ReadEventsAsync("SELECT seq, " + PayloadColumn + " FROM lg_events WHERE stream_id = $1 AND seq > $2 ORDER BY seq",
            streamId, afterSequence, null, cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadBackwardAsync(string streamId, long beforeSequence, int maxCount, CancellationToken cancellationToken) =>
        ReadEventsAsync("SELECT seq, " + PayloadColumn + " FROM lg_events WHERE stream_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3",
            streamId, beforeSequence, maxCount, cancellationToken);

    public async Task<IReadOnlyList<StreamEvent>> ReadStreamsAsync(
        string streamPrefix, string? afterStreamId, long afterSequence, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var upper = StreamPrefix.UpperBound(streamPrefix);
        // stream_id is COLLATE "C": the range and the row comparison compare bytes, and both are seeks on the primary key.
        var sql = new System.Text.StringBuilder("SELECT stream_id, seq, " + PayloadColumn + " FROM lg_events WHERE stream_id >= $1");
        await using var command = dataSource.CreateCommand();
        command.Parameters.Add(new NpgsqlParameter { Value = streamPrefix, NpgsqlDbType = NpgsqlDbType.Text });
        if (upper is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = upper, NpgsqlDbType = NpgsqlDbType.Text });
            sql.Append(" AND stream_id < $").Append(command.Parameters.Count);
        }
        if (afterStreamId is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = afterStreamId, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = afterSequence, NpgsqlDbType = NpgsqlDbType.Bigint });
            sql.Append(" AND (stream_id, seq) > ($").Append(command.Parameters.Count - 1).Append(", $").Append(command.Parameters.Count).Append(')');
        }
        command.Parameters.Add(new NpgsqlParameter { Value = maxCount, NpgsqlDbType = NpgsqlDbType.Integer });
        sql.Append(" ORDER BY stream_id, seq LIMIT $").Append(command.Parameters.Count);
        command.CommandText = sql.ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<StreamEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new StreamEvent(reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2)));
        }
        return events;
    }

    /// <summary>
    /// Events in (tx, stream_id, seq) order, only of transactions older than every one still running: the horizon is
    /// the xmin of the statement's own snapshot, so every transaction below it has finished and is visible to this
    /// statement or rolled back, and none can commit below it later (Migrations/003_journal_positions.sql). A long
    /// transaction anywhere on the server holds the feed back while it runs; it never makes it skip.
    /// </summary>
    public async Task<IReadOnlyList<JournalEvent>> ReadAllAsync(JournalPosition after, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await using var command = dataSource.CreateCommand();
        var from = "";
        if (!after.IsStart)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = after.Commit.ToString(System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = after.StreamId, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = after.Sequence, NpgsqlDbType = NpgsqlDbType.Bigint });
            from = "(e.tx, e.stream_id, e.seq) > ($1::xid8, $2, $3) AND ";
        }
        command.Parameters.Add(new NpgsqlParameter { Value = maxCount, NpgsqlDbType = NpgsqlDbType.Integer });
        // The ORDER BY names the table's column: a bare "tx" would be the output column tx::text, and sorting the
        // positions as text ("1000" before "999") while the WHERE compares them as numbers skipped every event of the
        // transactions passed over when the ids gained a digit.
        command.CommandText = "SELECT e.tx::text AS tx_text, e.stream_id, e.seq, " + PayloadColumn + ", e.recorded_at FROM lg_events e WHERE " + from +
            "e.tx < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY e.tx, e.stream_id, e.seq LIMIT $" + command.Parameters.Count;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<JournalEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var commit = long.Parse(reader.GetString(0), System.Globalization.CultureInfo.InvariantCulture);
            events.Add(new JournalEvent(new JournalPosition(commit, reader.GetString(1), reader.GetInt64(2)), reader.GetFieldValue<byte[]>(3))
            {
                RecordedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            });
        }
        return events;
    }

    /// <summary>
    /// The horizon is the oldest transaction still running (as the feed reads); the fence the next transaction id to be
    /// given: every transaction that committed before this call has a lower one.
    /// </summary>
    public async Task<JournalHorizon> ReadHorizonAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT pg_snapshot_xmin(s)::text, pg_snapshot_xmax(s)::text FROM pg_current_snapshot() AS s");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new JournalHorizon(
            long.Parse(reader.GetString(0), System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<StoredSnapshot?> ReadSnapshotAsync(string streamId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT seq, " + PayloadColumn + " FROM lg_snapshots WHERE stream_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredSnapshot(streamId, reader.GetInt64(0), reader.GetFieldValue<byte[]>(1))
            : null;
    }

    /// <summary>The snapshot and the events after it in one statement: an activation pays one round trip, not two.</summary>
    public async Task<StoredStream> ReadLatestAsync(string streamId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH s AS (SELECT seq, {PayloadColumn} AS p FROM lg_snapshots WHERE stream_id = $1)
            SELECT true, seq, p FROM s
            UNION ALL
            SELECT false, seq, {PayloadColumn} FROM lg_events WHERE stream_id = $1 AND seq > COALESCE((SELECT seq FROM s), 0)
            ORDER BY 1 DESC, 2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        StoredSnapshot? snapshot = null;
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetBoolean(0))
            {
                snapshot = new StoredSnapshot(streamId, reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
            }
            else
            {
                events.Add(new StoredEvent(reader.GetInt64(1), reader.GetFieldValue<byte[]>(2)));
            }
        }
        return new StoredStream(snapshot, events);
    }

    public async Task WriteSnapshotAsync(StoredSnapshot snapshot, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO lg_snapshots (stream_id, seq, body) VALUES ($1, $2, $3)
            ON CONFLICT (stream_id) DO UPDATE SET seq = EXCLUDED.seq, body = EXCLUDED.body, payload = NULL
            WHERE EXCLUDED.seq > lg_snapshots.seq
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = snapshot.StreamId });
        command.Parameters.Add(new NpgsqlParameter { Value = snapshot.Sequence });
        command.Parameters.Add(new NpgsqlParameter { Value = snapshot.Payload, NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ReadDueWakeUpsAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT stream_id FROM lg_wakeups WHERE due_at <= $1 ORDER BY due_at LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUnixTimeMilliseconds() });
        command.Parameters.Add(new NpgsqlParameter { Value = maxCount });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var due = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(reader.GetString(0));
        }
        return due;
    }

    private async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(
        string sql, string streamId, long sequence, int? limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        command.Parameters.Add(new NpgsqlParameter { Value = sequence });
        if (limit is { } max)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = max });
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new StoredEvent(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
        }
        return events;
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Array<T>(NpgsqlDbType elementType, T[] values) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | elementType };
}
