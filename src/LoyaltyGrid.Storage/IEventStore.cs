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

    /// <summary>Events after <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadForwardAsync(string streamId, long afterSequence, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="maxCount"/> events before <paramref name="beforeSequence"/>, newest first.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadBackwardAsync(string streamId, long beforeSequence, int maxCount, CancellationToken cancellationToken);

    Task<StoredSnapshot?> ReadSnapshotAsync(string streamId, CancellationToken cancellationToken);

    /// <summary>Replaces the stream's snapshot if <paramref name="snapshot"/> is newer than the stored one.</summary>
    Task WriteSnapshotAsync(StoredSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>Streams whose wake-up time is at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<string>> ReadDueWakeUpsAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken);
}
