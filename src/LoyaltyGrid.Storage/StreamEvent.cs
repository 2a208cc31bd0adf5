namespace LoyaltyGrid.Storage;

/// <summary>An event read across streams (<see cref="IEventStore.ReadStreamsAsync"/>): which stream it is in, and where.</summary>
public sealed record StreamEvent(string StreamId, long Sequence, byte[] Payload)
{
    public bool Equals(StreamEvent? other) =>
        other is not null && StreamId == other.StreamId && Sequence == other.Sequence && Storage.Payload.Equal(Payload, other.Payload);

    public override int GetHashCode() => HashCode.Combine(StreamId, Sequence, Storage.Payload.Hash(Payload));
}
