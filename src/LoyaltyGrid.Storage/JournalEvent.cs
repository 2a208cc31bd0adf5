namespace LoyaltyGrid.Storage;

/// <summary>One event of the whole journal as <see cref="IJournalFeed"/> reads it: where it is in the feed, its stream and sequence.</summary>
public sealed record JournalEvent(JournalPosition Position, byte[] Payload)
{
    // The payload once decoded (see Decode): the feed's cache (RecentJournalFeed) hands the same instance to every
    // projection, so the second one to read it does not decode it again. Never part of equality.
    private object? decoded;

    public string StreamId => Position.StreamId;

    public long Sequence => Position.Sequence;

    /// <summary>
    /// When the journal stored it (its append's time on the writing silo's clock); null where a feed does not say.
    /// Not part of equality: it is how the event was stored, not what it is.
    /// </summary>
    public DateTimeOffset? RecordedAt { get; init; }

    /// <summary>
    /// The payload decoded by <paramref name="decode"/>, decoded once per instance and shared by whoever asks with the
    /// same result type (a stream's events always have one codec). The result must be immutable: every reader of this
    /// instance gets the same object. Two readers racing may both decode; each gets an equal value.
    /// </summary>
    public T Decode<T>(Func<byte[], T> decode)
        where T : class
    {
        if (Volatile.Read(ref decoded) is T known)
        {
            return known;
        }
        var value = decode(Payload);
        Volatile.Write(ref decoded, value);
        return value;
    }

    public bool Equals(JournalEvent? other) => other is not null && Position == other.Position && Storage.Payload.Equal(Payload, other.Payload);

    public override int GetHashCode() => HashCode.Combine(Position, Storage.Payload.Hash(Payload));
}
