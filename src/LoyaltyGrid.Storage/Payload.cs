namespace LoyaltyGrid.Storage;

/// <summary>Byte-wise equality for stored payloads, so stored records compare by content.</summary>
internal static class Payload
{
    public static bool Equal(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    public static int Hash(byte[] payload)
    {
        var hash = new HashCode();
        hash.AddBytes(payload);
        return hash.ToHashCode();
    }
}
