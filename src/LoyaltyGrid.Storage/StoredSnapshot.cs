namespace LoyaltyGrid.Storage;

/// <summary>A stream's state as of <see cref="Sequence"/>; replay continues after it.</summary>
public sealed record StoredSnapshot(string StreamId, long Sequence, byte[] Payload)
{
    public bool Equals(StoredSnapshot? other) =>
        other is not null && StreamId == other.StreamId && Sequence == other.Sequence && Storage.Payload.Equal(Payload, other.Payload);

    public override int GetHashCode() => HashCode.Combine(StreamId, Sequence, Storage.Payload.Hash(Payload));
}
