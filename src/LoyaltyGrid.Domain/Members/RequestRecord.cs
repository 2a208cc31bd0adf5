using System.Buffers.Binary;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// A request already carried out: a retry with the same fingerprint gets the event at <see cref="Sequence"/> back,
/// read again from the journal (the answer is not kept in memory).
/// A member remembers one of these per request for days, so it is a struct stored inline in the dictionary, and a
/// fingerprint of the standard form (<see cref="Domain.Fingerprint"/>: an optional "2:" and the base64 of 16 bytes) is
/// kept as its 16 bytes rather than as a 70-byte string; any other form is kept as it is.
/// </summary>
public readonly struct RequestRecord : IEquatable<RequestRecord>
{
    private const string V2 = "2:";
    private readonly UInt128 digest;
    private readonly string? other;
    private readonly bool v2;
    private readonly long recordedAtTicks;

    [System.Text.Json.Serialization.JsonConstructor]
    public RequestRecord(string fingerprint, DateTimeOffset recordedAt, long sequence)
    {
        var v2Prefixed = fingerprint.StartsWith(V2, StringComparison.Ordinal);
        Span<byte> bytes = stackalloc byte[18];
        var encoded = v2Prefixed ? fingerprint.AsSpan(V2.Length) : fingerprint.AsSpan();
        // Only a base64 text that encodes back to itself is kept as bytes, so Fingerprint gives the same text back. It
        // runs for every request a member records, so the check is on the stack.
        Span<char> canonical = stackalloc char[24];
        if (encoded.Length == 24 && Convert.TryFromBase64Chars(encoded, bytes, out var written) && written == 16
            && Convert.TryToBase64Chars(bytes[..16], canonical, out _) && canonical.SequenceEqual(encoded))
        {
            digest = BinaryPrimitives.ReadUInt128BigEndian(bytes);
            v2 = v2Prefixed;
        }
        else
        {
            other = fingerprint;
        }
        recordedAtTicks = recordedAt.UtcTicks;
        Sequence = sequence;
    }

    /// <summary>The fingerprint as recorded (a new string each time: it is read only when a request id comes again).</summary>
    public string Fingerprint
    {
        get
        {
            if (other is not null)
            {
                return other;
            }
            Span<byte> bytes = stackalloc byte[16];
            BinaryPrimitives.WriteUInt128BigEndian(bytes, digest);
            return (v2 ? V2 : "") + Convert.ToBase64String(bytes);
        }
    }

    public DateTimeOffset RecordedAt => new(recordedAtTicks, TimeSpan.Zero);

    /// <summary>The sequence of the event that answered the request.</summary>
    public long Sequence { get; }

    public bool Equals(RequestRecord x) =>
        digest == x.digest && other == x.other && v2 == x.v2 && recordedAtTicks == x.recordedAtTicks && Sequence == x.Sequence;

    public override bool Equals(object? obj) => obj is RequestRecord x && Equals(x);

    public override int GetHashCode() => HashCode.Combine(digest, other, v2, recordedAtTicks, Sequence);

    public static bool operator ==(RequestRecord a, RequestRecord b) => a.Equals(b);

    public static bool operator !=(RequestRecord a, RequestRecord b) => !a.Equals(b);

    public override string ToString() => $"RequestRecord {{ Fingerprint = {Fingerprint}, RecordedAt = {RecordedAt:O}, Sequence = {Sequence} }}";
}
