namespace LoyaltyGrid.Storage;

/// <summary>
/// The whole journal, every stream, in one total order that readers can checkpoint: what projections (insights,
/// reports) follow. Implemented by each <see cref="IEventStore"/> backend.
/// </summary>
/// <remarks>
/// The rule a checkpoint relies on: once the feed has returned an event at position P, no event at a position at or
/// before P can appear later. Commits finish out of order (a group commit may be slower than the one after it), so a
/// backend returns only events up to a safe horizon: on SQLite every committed event (one writer gives positions in
/// commit order); on PostgreSQL only events of transactions older than every transaction still running
/// (<c>pg_snapshot_xmin</c>), so a slow commit holds the feed back instead of being skipped. A reader that stores the
/// position of the last event it applied, in the same transaction as what it applied, never skips an event and never
/// applies one twice.
/// </remarks>
public interface IJournalFeed
{
    /// <summary>Up to <paramref name="maxCount"/> events after <paramref name="after"/>, in feed order; empty when caught up with the horizon.</summary>
    Task<IReadOnlyList<JournalEvent>> ReadAllAsync(JournalPosition after, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// Where the feed stands now: <see cref="JournalHorizon.Horizon"/>, below which (by <see cref="JournalPosition.Commit"/>)
    /// every event can be read and none can appear later, and <see cref="JournalHorizon.Fence"/>, below which is every
    /// event committed before this call. A reader that wants all that was committed before a moment (read your writes)
    /// takes the fence then and reads until the horizon has reached it.
    /// </summary>
    Task<JournalHorizon> ReadHorizonAsync(CancellationToken cancellationToken);
}
