using Microsoft.Data.Sqlite;

namespace LoyaltyGrid.Storage.Sqlite;

/// <summary>
/// <see cref="IEventStore"/> on a SQLite file. Writes go through one connection (SQLite has one writer
/// anyway) with <c>synchronous=FULL</c>, so a commit is on disk when it returns; reads use pooled connections
/// and never wait for writers (WAL).
/// </summary>
public sealed class SqliteEventStore : IEventStore, IJournalFeed, IDisposable
{
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    /// <summary>
    /// A row's payload bytes: new rows hold a BLOB, rows written before schema version 2 their JSON TEXT, read as its
    /// UTF-8 bytes (see Migrations/002_binary_payloads.sql).
    /// </summary>
    private const string PayloadColumn = "CAST(payload AS BLOB)";

    private readonly string connectionString;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private SqliteConnection? writer;

    public SqliteEventStore(string databasePath)
    {
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The schema scripts (Migrations/NNN_name.sql), lowest version first.</summary>
    public static IReadOnlyList<SqlMigration> Migrations { get; } = SqlMigration.Load(typeof(SqliteEventStore).Assembly);

    /// <summary>
    /// Brings the schema to the latest version: applies the scripts above the version recorded in schema_versions, in
    /// order, in one transaction (BEGIN IMMEDIATE: a second process waits). A file made before versioning (no
    /// schema_versions) is at version 0, and script 001 is exactly the schema it has, so it is upgraded in place.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            writer ??= Open();
            Execute(writer, "PRAGMA journal_mode = WAL;");
            using var transaction = writer.BeginTransaction();
            Execute(writer, """
                CREATE TABLE IF NOT EXISTS schema_versions (
                    version    INTEGER NOT NULL PRIMARY KEY,
                    name       TEXT    NOT NULL,
                    applied_at INTEGER NOT NULL);
                """);
            using var read = Command(writer, "SELECT COALESCE(MAX(version), 0) FROM schema_versions");
            var current = (long)read.ExecuteScalar()!;
            foreach (var migration in Migrations.Where(m => m.Version > current))
            {
                Execute(writer, migration.Sql);
                using var record = Command(writer, "INSERT INTO schema_versions (version, name, applied_at) VALUES ($version, $name, $at)");
                record.Parameters.AddWithValue("$version", migration.Version);
                record.Parameters.AddWithValue("$name", migration.Name);
                record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                record.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        finally
        {
            writeLock.Release();
        }
    }

    public async Task AppendAsync(IReadOnlyList<StreamAppend> appends, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            var connection = writer ?? throw new InvalidOperationException("InitializeAsync was not called.");
            using var transaction = connection.BeginTransaction();
            using var last = Command(connection, "SELECT COALESCE(MAX(seq), 0) FROM events WHERE stream_id = $stream");
            var lastStream = last.Parameters.Add("$stream", SqliteType.Text);
            using var insert = Command(connection,
                "INSERT INTO events (stream_id, seq, recorded_at, payload, pos) VALUES ($stream, $seq, $at, $payload, $pos)");
            var stream = insert.Parameters.Add("$stream", SqliteType.Text);
            var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
            var at = insert.Parameters.Add("$at", SqliteType.Integer);
            var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
            var pos = insert.Parameters.Add("$pos", SqliteType.Integer);
            at.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var nextPosition = NextPosition(connection);
            foreach (var append in appends)
            {
                lastStream.Value = append.StreamId;
                var lastSeq = (long)last.ExecuteScalar()!;
                if (lastSeq != append.FirstSequence - 1)
                {
                    throw new ConcurrencyConflictException(
                        $"Stream '{append.StreamId}' is at {lastSeq}; an append at {append.FirstSequence} was refused.");
                }
                stream.Value = append.StreamId;
                for (var i = 0; i < append.Payloads.Count; i++)
                {
                    seq.Value = append.FirstSequence + i;
                    payload.Value = append.Payloads[i];
                    pos.Value = nextPosition++;
                    insert.ExecuteNonQuery();
                }
                if (append.WakeUp is { } wakeUp)
                {
                    SetWakeUp(connection, append.StreamId, wakeUp.DueAt);
                }
            }
            transaction.Commit();
        }
        catch (SqliteException ex) when (ex.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique)
        {
            throw new ConcurrencyConflictException("An event sequence was already taken.", ex);
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>
    /// Under the writer lock nobody else writes, so each creation is a look at its streams' first events and, if none
    /// exists, its inserts; all creations in one transaction (one fsync).
    /// </summary>
    public async Task<IReadOnlyList<StreamCreationResult>> CreateStreamsAsync(
        IReadOnlyList<StreamCreation> creations, CancellationToken cancellationToken)
    {
        StreamCreations.Validate(creations);
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            var connection = writer ?? throw new InvalidOperationException("InitializeAsync was not called.");
            using var transaction = connection.BeginTransaction();
            using var first = Command(connection, "SELECT " + PayloadColumn + " FROM events WHERE stream_id = $stream AND seq = 1");
            var firstStream = first.Parameters.Add("$stream", SqliteType.Text);
            using var insert = Command(connection,
                "INSERT INTO events (stream_id, seq, recorded_at, payload, pos) VALUES ($stream, $seq, $at, $payload, $pos)");
            var stream = insert.Parameters.Add("$stream", SqliteType.Text);
            var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
            var at = insert.Parameters.Add("$at", SqliteType.Integer);
            var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
            var pos = insert.Parameters.Add("$pos", SqliteType.Integer);
            at.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var nextPosition = NextPosition(connection);
            var results = new StreamCreationResult[creations.Count];
            for (var c = 0; c < creations.Count; c++)
            {
                var existing = creations[c].Streams.Select(append =>
                {
                    firstStream.Value = append.StreamId;
                    return first.ExecuteScalar() as byte[];
                }).ToArray();
                if (existing.Any(e => e is not null))
                {
                    results[c] = new StreamCreationResult(false, existing);
                    continue;
                }
                foreach (var append in creations[c].Streams)
                {
                    stream.Value = append.StreamId;
                    for (var i = 0; i < append.Payloads.Count; i++)
                    {
                        seq.Value = 1 + i;
                        payload.Value = append.Payloads[i];
                        pos.Value = nextPosition++;
                        insert.ExecuteNonQuery();
                    }
                    if (append.WakeUp is { } wakeUp)
                    {
                        SetWakeUp(connection, append.StreamId, wakeUp.DueAt);
                    }
                }
                results[c] = StreamCreationResult.Made;
            }
            transaction.Commit();
            return results;
        }
        finally
        {
            writeLock.Release();
        }
    }

    public Task<IReadOnlyList<StoredEvent>> ReadForwardAsync(string streamId, long afterSequence, CancellationToken cancellationToken) =>
        ReadEventsAsync("SELECT seq, " + PayloadColumn + " FROM events WHERE stream_id = $stream AND seq > $seq ORDER BY seq", streamId, afterSequence, -1);

    public Task<IReadOnlyList<StoredEvent>> ReadBackwardAsync(string streamId, long beforeSequence, int maxCount, CancellationToken cancellationToken) =>
        ReadEventsAsync("SELECT seq, " + PayloadColumn + " FROM events WHERE stream_id = $stream AND seq < $seq ORDER BY seq DESC LIMIT $limit",
            streamId, beforeSequence, maxCount);

    public Task<IReadOnlyList<StreamEvent>> ReadStreamsAsync(
        string streamPrefix, string? afterStreamId, long afterSequence, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var upper = StreamPrefix.UpperBound(streamPrefix);
        using var connection = Open();
        // A range on the (stream_id, seq) index, and a row-value comparison to resume after the last page: both are
        // index seeks in SQLite, so every page costs the same however far the scan has gone.
        using var command = Command(connection,
            "SELECT stream_id, seq, " + PayloadColumn + " FROM events WHERE stream_id >= $prefix" +
            (upper is null ? "" : " AND stream_id < $upper") +
            (afterStreamId is null ? "" : " AND (stream_id, seq) > ($after, $seq)") +
            " ORDER BY stream_id, seq LIMIT $limit");
        command.Parameters.AddWithValue("$prefix", streamPrefix);
        command.Parameters.AddWithValue("$upper", (object?)upper ?? DBNull.Value);
        command.Parameters.AddWithValue("$after", (object?)afterStreamId ?? DBNull.Value);
        command.Parameters.AddWithValue("$seq", afterSequence);
        command.Parameters.AddWithValue("$limit", maxCount);
        using var reader = command.ExecuteReader();
        var events = new List<StreamEvent>();
        while (reader.Read())
        {
            events.Add(new StreamEvent(reader.GetString(0), reader.GetInt64(1), (byte[])reader.GetValue(2)));
        }
        return Task.FromResult<IReadOnlyList<StreamEvent>>(events);
    }

    /// <summary>
    /// Events by position. Positions are given inside the write transaction, after the highest committed one, and
    /// transactions are one at a time (the writer lock in this process, SQLite's own lock across processes), so a
    /// committed position is never followed by a lower one: every committed event is below the horizon at once.
    /// </summary>
    public Task<IReadOnlyList<JournalEvent>> ReadAllAsync(JournalPosition after, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        using var connection = Open();
        using var command = Command(connection,
            "SELECT pos, stream_id, seq, " + PayloadColumn + ", recorded_at FROM events WHERE pos > $pos ORDER BY pos LIMIT $limit");
        command.Parameters.AddWithValue("$pos", after.Commit);
        command.Parameters.AddWithValue("$limit", maxCount);
        using var reader = command.ExecuteReader();
        var events = new List<JournalEvent>();
        while (reader.Read())
        {
            events.Add(new JournalEvent(new JournalPosition(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)), (byte[])reader.GetValue(3))
            {
                RecordedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            });
        }
        return Task.FromResult<IReadOnlyList<JournalEvent>>(events);
    }

    /// <summary>One writer gives positions in commit order, so every committed event is below the next position: horizon and fence alike.</summary>
    public Task<JournalHorizon> ReadHorizonAsync(CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT COALESCE(MAX(pos), 0) + 1 FROM events");
        var next = (long)command.ExecuteScalar()!;
        return Task.FromResult(new JournalHorizon(next, next));
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a transaction of the writer connection, one at a time with the journal's own
    /// writes: for the tables kept in the same file (SqliteInsightsStore), which then never wait on a busy file lock.
    /// </summary>
    internal async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            var connection = writer ?? throw new InvalidOperationException("InitializeAsync was not called.");
            using var transaction = connection.BeginTransaction();
            var result = write(connection, transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>Runs <paramref name="read"/> on a pooled reader connection (WAL: it never waits for the writer).</summary>
    internal T Read<T>(Func<SqliteConnection, T> read)
    {
        using var connection = Open();
        return read(connection);
    }

    public Task<StoredSnapshot?> ReadSnapshotAsync(string streamId, CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT seq, " + PayloadColumn + " FROM snapshots WHERE stream_id = $stream");
        command.Parameters.AddWithValue("$stream", streamId);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? new StoredSnapshot(streamId, reader.GetInt64(0), (byte[])reader.GetValue(1)) : null);
    }

    public async Task WriteSnapshotAsync(StoredSnapshot snapshot, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            using var command = Command(writer!, """
                INSERT INTO snapshots (stream_id, seq, payload) VALUES ($stream, $seq, $payload)
                ON CONFLICT (stream_id) DO UPDATE SET seq = excluded.seq, payload = excluded.payload
                WHERE excluded.seq > snapshots.seq
                """);
            command.Parameters.AddWithValue("$stream", snapshot.StreamId);
            command.Parameters.AddWithValue("$seq", snapshot.Sequence);
            command.Parameters.Add("$payload", SqliteType.Blob).Value = snapshot.Payload;
            command.ExecuteNonQuery();
        }
        finally
        {
            writeLock.Release();
        }
    }

    public Task<IReadOnlyList<string>> ReadDueWakeUpsAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT stream_id FROM wakeups WHERE due_at <= $now ORDER BY due_at LIMIT $limit");
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$limit", maxCount);
        using var reader = command.ExecuteReader();
        var due = new List<string>();
        while (reader.Read())
        {
            due.Add(reader.GetString(0));
        }
        return Task.FromResult<IReadOnlyList<string>>(due);
    }

    public void Dispose()
    {
        writer?.Dispose();
        writeLock.Dispose();
    }

    private Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string sql, string streamId, long sequence, int limit)
    {
        using var connection = Open();
        using var command = Command(connection, sql);
        command.Parameters.AddWithValue("$stream", streamId);
        command.Parameters.AddWithValue("$seq", sequence);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var events = new List<StoredEvent>();
        while (reader.Read())
        {
            events.Add(new StoredEvent(reader.GetInt64(0), (byte[])reader.GetValue(1)));
        }
        return Task.FromResult<IReadOnlyList<StoredEvent>>(events);
    }

    /// <summary>The position after the highest one committed; read inside the write transaction, so no other writer is between.</summary>
    private static long NextPosition(SqliteConnection connection)
    {
        using var command = Command(connection, "SELECT COALESCE(MAX(pos), 0) + 1 FROM events");
        return (long)command.ExecuteScalar()!;
    }

    private static void SetWakeUp(SqliteConnection connection, string streamId, DateTimeOffset? dueAt)
    {
        using var command = Command(connection, dueAt is null
            ? "DELETE FROM wakeups WHERE stream_id = $stream"
            : "INSERT INTO wakeups (stream_id, due_at) VALUES ($stream, $due) ON CONFLICT (stream_id) DO UPDATE SET due_at = excluded.due_at");
        command.Parameters.AddWithValue("$stream", streamId);
        command.Parameters.AddWithValue("$due", dueAt?.ToUnixTimeMilliseconds() ?? 0);
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        // FULL: a commit is on disk before it returns. A larger page cache and memory-mapped reads keep the
        // B-tree pages of hot members in memory instead of a read() system call per page.
        Execute(connection, "PRAGMA synchronous = FULL; PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456;");
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        command.ExecuteNonQuery();
    }
}
