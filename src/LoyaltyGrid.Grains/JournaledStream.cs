using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Microsoft.Extensions.Logging;

namespace LoyaltyGrid.Grains;

/// <summary>
/// The one event-sourcing path every journaled grain uses: load (snapshot if it is of the codec's version, then the
/// journal after it), apply and append with the expected version (the stream's next sequence), snapshot every so
/// many events, and on an append of unknown outcome hand the activation back so it is rebuilt from what is durable.
/// A grain owns one, keeps deciding in the domain, and calls <see cref="AppendAsync"/> with what it decided.
/// Not thread-safe: it lives on its grain's turns.
/// </summary>
public sealed partial class JournaledStream<TState, TEvent>
{
    private readonly string streamId;
    private readonly IJournal journal;
    private readonly IEventStore store;
    private readonly IEventCodec<TEvent> codec;
    private readonly Func<TState, TEvent, long, TState> apply;
    private readonly Action rebuild;
    private readonly ILogger logger;
    private readonly ISnapshotCodec<TState>? snapshots;
    private readonly int snapshotEvery;
    private readonly Action<TState>? beforeSnapshot;
    private long snapshotVersion;
    private bool broken;

    /// <param name="apply">Applies one event at its sequence; returns the state after it (the same object for a mutable state).</param>
    /// <param name="rebuild">Called when an append's outcome is unknown: drop the activation (Grain.DeactivateOnIdle).</param>
    /// <param name="snapshots">Null: the stream is short and replayed whole on every activation.</param>
    /// <param name="beforeSnapshot">Runs on the grain's turn just before a snapshot is captured (e.g. forget old requests).</param>
    public JournaledStream(
        string streamId,
        TState initial,
        IJournal journal,
        IEventStore store,
        IEventCodec<TEvent> codec,
        Func<TState, TEvent, long, TState> apply,
        Action rebuild,
        ILogger logger,
        ISnapshotCodec<TState>? snapshots = null,
        int snapshotEvery = int.MaxValue,
        Action<TState>? beforeSnapshot = null)
    {
        this.streamId = streamId;
        State = initial;
        this.journal = journal;
        this.store = store;
        this.codec = codec;
        this.apply = apply;
        this.rebuild = rebuild;
        this.logger = logger;
        this.snapshots = snapshots;
        this.snapshotEvery = snapshotEvery;
        this.beforeSnapshot = beforeSnapshot;
    }

    public string StreamId => streamId;

    public TState State { get; private set; }

    /// <summary>The sequence of the last event applied (0: none).</summary>
    public long Version { get; private set; }

    public IEventCodec<TEvent> Codec => codec;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        // With snapshots, the snapshot and the events after it in one read (all events without one).
        var latest = snapshots is null
            ? new StoredStream(null, await store.ReadForwardAsync(streamId, Version, cancellationToken))
            : await store.ReadLatestAsync(streamId, cancellationToken);
        var events = latest.EventsAfter;
        if (latest.Snapshot is { } snapshot)
        {
            if (SnapshotEnvelope.TryDecode(snapshots!, snapshot.Payload, out var state))
            {
                State = state!;
                Version = snapshotVersion = snapshot.Sequence;
            }
            else
            {
                // Older (or legacy JSON, or newer) than this codec: replaying is always right, and the next snapshot replaces it.
                LogSnapshotIgnored(streamId, snapshot.Sequence);
                events = await store.ReadForwardAsync(streamId, Version, cancellationToken);
            }
        }
        foreach (var stored in events)
        {
            if (stored.Sequence <= Version)
            {
                // Loaded again (a member catching up on an import) without a snapshot: it holds what it applied.
                continue;
            }
            State = apply(State, codec.Decode(stored.Payload), stored.Sequence);
            Version = stored.Sequence;
        }
    }

    /// <summary>
    /// Applies <paramref name="events"/>, then appends them as the stream's next sequences and waits until they are
    /// durable. Applying first lets <paramref name="wakeUp"/> see the new state, so the wake-up time goes in the same
    /// transaction. If anything fails the outcome is unknown (the commit may have landed): the activation is dropped
    /// and rebuilt from storage, and this stream refuses further appends meanwhile.
    /// </summary>
    /// <param name="wakeUp">Run after applying: the stream's new wake-up time, or null to leave it as it is.</param>
    /// <param name="follow">
    /// Run after applying <paramref name="events"/>, and again after each batch it returns until it returns none: events
    /// that follow from the new state at once (what falls due with a decision), appended in the same commit.
    /// </param>
    /// <returns>The events <paramref name="follow"/> added, in order.</returns>
    public async Task<IReadOnlyList<TEvent>> AppendAsync(IReadOnlyList<TEvent> events, Func<TState, WakeUp?>? wakeUp = null,
        Func<TState, IReadOnlyList<TEvent>>? follow = null)
    {
        if (broken)
        {
            throw new InvalidOperationException($"Stream '{streamId}' is being rebuilt from storage after a failed append; retry.");
        }
        var first = Version + 1;
        var followed = new List<TEvent>();
        try
        {
            var payloads = new List<byte[]>(events.Count);
            void Apply(IReadOnlyList<TEvent> batch)
            {
                foreach (var e in batch)
                {
                    payloads.Add(codec.Encode(e));
                    State = apply(State, e, Version + 1);
                    Version++;
                }
            }
            Apply(events);
            for (var batch = follow?.Invoke(State) ?? []; batch.Count > 0; batch = follow!(State))
            {
                Apply(batch);
                followed.AddRange(batch);
            }
            await journal.AppendAsync(new StreamAppend(streamId, first, payloads, wakeUp?.Invoke(State)));
        }
        catch (Exception ex)
        {
            broken = true;
            LogAppendFailed(streamId, ex);
            rebuild();
            throw;
        }
        if (snapshots is not null && Version - snapshotVersion >= snapshotEvery)
        {
            WriteSnapshot(snapshots);
        }
        return followed;
    }

    /// <summary>
    /// Captures the state on this turn (the codec copies or encodes what it needs) and encodes and writes it on the
    /// thread pool. A snapshot only shortens replay; the journal is already durable, so nobody waits for it.
    /// </summary>
    private void WriteSnapshot(ISnapshotCodec<TState> codec)
    {
        beforeSnapshot?.Invoke(State);
        var encode = SnapshotEnvelope.Capture(codec, State);
        var sequence = Version;
        snapshotVersion = sequence;
        _ = Task.Run(() => store.WriteSnapshotAsync(new StoredSnapshot(streamId, sequence, encode()), CancellationToken.None))
            .ContinueWith(t => LogSnapshotFailed(streamId, t.Exception!), CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Journal append for {StreamId} failed; the activation will be rebuilt from storage.")]
    private partial void LogAppendFailed(string streamId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot of {StreamId} failed; replay will start from the previous one.")]
    private partial void LogSnapshotFailed(string streamId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot of {StreamId} at {Sequence} is of another format version; replaying the stream.")]
    private partial void LogSnapshotIgnored(string streamId, long sequence);
}
