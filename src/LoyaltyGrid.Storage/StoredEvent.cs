namespace LoyaltyGrid.Storage;

/// <summary>One stored event. <see cref="Payload"/> starts with its format header (see LoyaltyGrid.Storage.Formats).</summary>
public sealed record StoredEvent(long Sequence, byte[] Payload)
{
    public bool Equals(StoredEvent? other) => other is not null && Sequence == other.Sequence && Storage.Payload.Equal(Payload, other.Payload);

    public override int GetHashCode() => HashCode.Combine(Sequence, Storage.Payload.Hash(Payload));
}
