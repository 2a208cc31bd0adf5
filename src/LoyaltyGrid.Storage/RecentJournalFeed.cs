namespace LoyaltyGrid.Storage;

/// <summary>
/// An <see cref="IJournalFeed"/> that remembers the run of events it read last, so that the silo's projections
/// (insights and messages), which follow the same journal a few batches apart, read each event from the database once
/// and decode it once (<see cref="JournalEvent.Decode{T}"/>) instead of once each.
/// </summary>
/// <remarks>
/// Serving a read from memory keeps the feed's rule (<see cref="IJournalFeed"/>): the run is events the inner feed
/// returned in order after <c>start</c>, with nothing between them, and no event can appear later at or before the last
/// of them. So the events after any position in the run, up to its last, are exactly the rest of the run; whatever a
/// read asks beyond the run's end comes from the inner feed and extends the run. A read from anywhere else (a rebuild
/// from the start, a reader far behind) goes to the inner feed and starts a new run. The run is bounded by
/// <c>capacity</c> events (by default three of the projections' batches of 1,000), dropped from its start.
/// </remarks>
public sealed class RecentJournalFeed(IJournalFeed inner, int capacity = 3000) : IJournalFeed
{
    private readonly Lock gate = new();

    // Events the inner feed returned, in feed order, right after `start` and each right after the one before.
    private readonly List<JournalEvent> run = [];

    private JournalPosition start = JournalPosition.Start;

    public async Task<IReadOnlyList<JournalEvent>> ReadAllAsync(JournalPosition after, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        JournalEvent[] known;
        JournalPosition readFrom;
        lock (gate)
        {
            known = Known(after, maxCount);
            readFrom = known.Length > 0 ? known[^1].Position : after;
        }
        if (known.Length == maxCount)
        {
            return known;
        }
        var read = await inner.ReadAllAsync(readFrom, maxCount - known.Length, cancellationToken);
        lock (gate)
        {
            Remember(readFrom, read);
        }
        return known.Length == 0 ? read : [.. known, .. read];
    }

    public Task<JournalHorizon> ReadHorizonAsync(CancellationToken cancellationToken) => inner.ReadHorizonAsync(cancellationToken);

    /// <summary>The run's events after <paramref name="after"/> (up to <paramref name="maxCount"/>), or none if it is not in the run.</summary>
    private JournalEvent[] Known(JournalPosition after, int maxCount)
    {
        if (run.Count == 0)
        {
            return [];
        }
        int first;
        if (after == start)
        {
            first = 0;
        }
        else
        {
            var at = BinarySearch(after);
            if (at < 0)
            {
                return [];
            }
            first = at + 1;
        }
        var count = Math.Min(maxCount, run.Count - first);
        return count <= 0 ? [] : run.GetRange(first, count).ToArray();
    }

    /// <summary>Adds what the inner feed returned after <paramref name="after"/>: to the run if it continues it, else as a new run.</summary>
    private void Remember(JournalPosition after, IReadOnlyList<JournalEvent> read)
    {
        if (read.Count == 0)
        {
            return;
        }
        // Once read, the run is never empty: it keeps at least its last event.
        if (run.Count == 0 || after != run[^1].Position)
        {
            run.Clear();
            start = after;
        }
        run.AddRange(read);
        var over = run.Count - Math.Max(1, capacity);
        if (over > 0)
        {
            start = run[over - 1].Position;
            run.RemoveRange(0, over);
        }
    }

    private int BinarySearch(JournalPosition position)
    {
        var (low, high) = (0, run.Count - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = run[middle].Position.CompareTo(position);
            if (order == 0)
            {
                return middle;
            }
            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return -1;
    }
}
