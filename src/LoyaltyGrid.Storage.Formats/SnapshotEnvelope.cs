using System.Buffers.Binary;

namespace LoyaltyGrid.Storage.Formats;

/// <summary>
/// A stored snapshot: <see cref="PayloadHeader.Snapshot"/>, the body's schema version (two bytes, little-endian), then
/// the body (<see cref="ISnapshotCodec{TState}"/>). Legacy snapshots (headerless JSON of the C# state) are never
/// decoded: they may lack fields added later (PurchaseRecord.KeptQualifying read as 0), so the stream is replayed.
/// </summary>
public static class SnapshotEnvelope
{
    public const int HeaderLength = 3;

    public static byte[] Wrap(ushort version, ReadOnlySpan<byte> body)
    {
        var payload = new byte[body.Length + HeaderLength];
        payload[0] = PayloadHeader.Snapshot;
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(1), version);
        body.CopyTo(payload.AsSpan(HeaderLength));
        return payload;
    }

    /// <summary>The body if <paramref name="payload"/> is an envelope of <paramref name="version"/>; false for anything else.</summary>
    public static bool TryUnwrap(ReadOnlySpan<byte> payload, ushort version, out ReadOnlySpan<byte> body)
    {
        if (payload.Length >= HeaderLength && payload[0] == PayloadHeader.Snapshot
            && BinaryPrimitives.ReadUInt16LittleEndian(payload[1..]) == version)
        {
            body = payload[HeaderLength..];
            return true;
        }
        body = default;
        return false;
    }

    /// <summary>The state in <paramref name="payload"/>, or default when it is not of the codec's version (replay instead).</summary>
    public static bool TryDecode<TState>(ISnapshotCodec<TState> codec, ReadOnlySpan<byte> payload, out TState? state)
    {
        if (TryUnwrap(payload, codec.Version, out var body))
        {
            state = codec.Decode(body);
            return true;
        }
        state = default;
        return false;
    }

    /// <summary>The encoder of a snapshot of <paramref name="state"/>, envelope included (see <see cref="ISnapshotCodec{TState}.Capture"/>).</summary>
    public static Func<byte[]> Capture<TState>(ISnapshotCodec<TState> codec, TState state)
    {
        var encode = codec.Capture(state);
        var version = codec.Version;
        return () => Wrap(version, encode());
    }
}
