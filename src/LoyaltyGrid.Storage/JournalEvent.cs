namespace LoyaltyGrid.Storage;

/// <summary>One event of the whole journal as <see cref="IJournalFeed"/> reads it: where it is in the feed, its stream and sequence.</summary>
public sealed record JournalEvent(JournalPosition Position, byte[] Payload)
{
    public string StreamId => Position.StreamId;

    public long Sequence => Position.Sequence;

    public bool Equals(JournalEvent? other) => other is not null && Position == other.Position && Storage.Payload.Equal(Payload, other.Payload);

    public override int GetHashCode() => HashCode.Combine(Position, Storage.Payload.Hash(Payload));
}
