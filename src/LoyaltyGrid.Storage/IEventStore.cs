namespace LoyaltyGrid.Storage;

/// <summary>
/// A durable, append-only store of event streams. One implementation per backend; all of them pass
/// the same contract tests. When <see cref="AppendAsync"/> returns, the events are on disk (fsync).
/// </summary>
public interface IEventStore
{
    /// <summary>Creates the schema if it is missing.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Appends to many streams in one transaction: all or nothing. Throws
    /// <see cref="ConcurrencyConflictException"/> if any append's first sequence is not its stream's next.
    /// </summary>
    Task AppendAsync(IReadOnlyList<StreamAppend> appends, CancellationToken cancellationToken);

    /// <summary>
    /// Creates streams that do not exist yet, in one transaction (bulk import). Each creation is written whole, or not at
    /// all if any of its streams exists (or is being created by a concurrent writer that commits first); the others are
    /// written regardless. Every append must start at sequence 1 and name a stream no other append of the call names.
    /// Wake-up times of created streams are set in the same transaction. Returns one result per creation, in order.
    /// A later <see cref="AppendAsync"/> at sequence 1 of a created stream conflicts, as for any existing stream.
    /// </summary>
    Task<IReadOnlyList<StreamCreationResult>> CreateStreamsAsync(IReadOnlyList<StreamCreation> creations, CancellationToken cancellationToken);

    /// <summary>Events after <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadForwardAsync(string streamId, long afterSequence, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="maxCount"/> events before <paramref name="beforeSequence"/>, newest first.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadBackwardAsync(string streamId, long beforeSequence, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// One page of a scan over every stream whose id starts with <paramref name="streamPrefix"/> (e.g.
    /// "member/{programId}/" for all of a program's members): up to <paramref name="maxCount"/> events ordered by stream
    /// id, then sequence, from just after the position (<paramref name="afterStreamId"/>, <paramref name="afterSequence"/>),
    /// or from the first event when <paramref name="afterStreamId"/> is null. The next page starts after the last event
    /// of this one; an empty page is the end. Stream ids are ordered by their UTF-8 bytes (Unicode code point order) on
    /// every backend, and the prefix is literal (no wildcards). A scan in pages is not a snapshot: it also sees events
    /// appended meanwhile to streams it has not passed yet.
    /// </summary>
    Task<IReadOnlyList<StreamEvent>> ReadStreamsAsync(
        string streamPrefix, string? afterStreamId, long afterSequence, int maxCount, CancellationToken cancellationToken);

    Task<StoredSnapshot?> ReadSnapshotAsync(string streamId, CancellationToken cancellationToken);

    /// <summary>
    /// What an activation reads: the stream's snapshot (null if none), and its events after the snapshot's sequence (all
    /// of them without one), oldest first. The same as <see cref="ReadSnapshotAsync"/> then <see cref="ReadForwardAsync"/>
    /// from its sequence; a backend may answer both in one round trip.
    /// </summary>
    async Task<StoredStream> ReadLatestAsync(string streamId, CancellationToken cancellationToken)
    {
        var snapshot = await ReadSnapshotAsync(streamId, cancellationToken);
        return new StoredStream(snapshot, await ReadForwardAsync(streamId, snapshot?.Sequence ?? 0, cancellationToken));
    }

    /// <summary>Replaces the stream's snapshot if <paramref name="snapshot"/> is newer than the stored one.</summary>
    Task WriteSnapshotAsync(StoredSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>Streams whose wake-up time is at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<string>> ReadDueWakeUpsAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken);
}
