using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Storage.Formats;

/// <summary>
/// The member snapshot's body: the JSON of the compact <see cref="MemberState"/> inside the versioned envelope. A
/// protobuf mapping is the next step (it would cut the bytes about fourfold); it will come with a new
/// <see cref="Version"/>, at which point every older snapshot is ignored and its stream replayed once.
/// The JSON is encoded on the grain's turn because MemberState is mutable; a protobuf mapping can build its message
/// on the turn (sharing the immutable records) and serialise it in the returned encoder, off the turn.
/// </summary>
public sealed class MemberSnapshotCodec : ISnapshotCodec<MemberState>
{
    public static readonly MemberSnapshotCodec Instance = new();

    /// <summary>
    /// 3: open purchases remember what of their own lot expired (PurchaseRecord.Expired). 2: the compact state (open
    /// purchases, facts, month totals; closing the books). 1 was never released.
    /// </summary>
    public ushort Version => 3;

    public Func<byte[]> Capture(MemberState state)
    {
        var body = JournalJson.SerializeToUtf8Bytes(state);
        return () => body;
    }

    public MemberState Decode(ReadOnlySpan<byte> body) => JournalJson.Deserialize<MemberState>(body);
}
