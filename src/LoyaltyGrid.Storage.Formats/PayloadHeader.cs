namespace LoyaltyGrid.Storage.Formats;

/// <summary>
/// The first byte of every stored payload says how the rest is written. Rows from before the versioned format (main
/// 0384d1b and earlier) have no header: they are JSON objects, so they start with '{' (0x7B), which no header uses.
/// A new format gets a new byte here; readers keep every old one.
/// </summary>
public static class PayloadHeader
{
    /// <summary>One protobuf record of protos/loyaltygrid/storage/v1 follows (the stream kind says which message).</summary>
    public const byte Protobuf = 0x01;

    /// <summary>JSON v1 follows: <see cref="JournalJson"/> of the C# type (program events, until they get a schema).</summary>
    public const byte Json = 0x02;

    /// <summary>A snapshot envelope: a two-byte little-endian state schema version, then the body (<see cref="SnapshotEnvelope"/>).</summary>
    public const byte Snapshot = 0x10;

    /// <summary>Not a header: the first byte of a legacy, headerless JSON row.</summary>
    public const byte LegacyJson = (byte)'{';

    /// <summary><paramref name="body"/> behind <paramref name="header"/>, in one new array.</summary>
    public static byte[] Prefix(byte header, ReadOnlySpan<byte> body)
    {
        var payload = new byte[body.Length + 1];
        payload[0] = header;
        body.CopyTo(payload.AsSpan(1));
        return payload;
    }

    public static InvalidDataException Unknown(ReadOnlySpan<byte> payload, string what) => new(payload.IsEmpty
        ? $"An empty payload is not a {what}."
        : $"A {what} payload starts with 0x{payload[0]:X2}, which is no known format header; it was written by a newer release.");
}
