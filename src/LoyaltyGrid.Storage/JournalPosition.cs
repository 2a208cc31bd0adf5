namespace LoyaltyGrid.Storage;

/// <summary>
/// A place in the whole journal (<see cref="IJournalFeed"/>), in the feed's total order: by <see cref="Commit"/>, then
/// stream id (ordinal), then sequence. What <see cref="Commit"/> is depends on the backend (SQLite: the row's position,
/// given in commit order by its single writer; PostgreSQL: the id of the transaction that wrote the row), so a
/// position is only compared with positions of the same store.
/// </summary>
public readonly record struct JournalPosition(long Commit, string StreamId, long Sequence) : IComparable<JournalPosition>
{
    /// <summary>Before every event.</summary>
    public static JournalPosition Start { get; } = new(-1, "", 0);

    public bool IsStart => Commit < 0;

    public int CompareTo(JournalPosition other)
    {
        var byCommit = Commit.CompareTo(other.Commit);
        if (byCommit != 0)
        {
            return byCommit;
        }
        var byStream = string.CompareOrdinal(StreamId, other.StreamId);
        return byStream != 0 ? byStream : Sequence.CompareTo(other.Sequence);
    }

    public override string ToString() => IsStart ? "start" : $"{Commit}:{StreamId}:{Sequence}";
}
