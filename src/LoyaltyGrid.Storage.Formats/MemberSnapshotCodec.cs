using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Storage.Formats;

/// <summary>
/// The member snapshot's body. For now it is the JSON of <see cref="MemberState"/> (version 1) inside the versioned
/// envelope: MemberState is being rewritten (closing the books), and its protobuf mapping will replace this class
/// with a new <see cref="Version"/>, at which point every version-1 snapshot is ignored and its stream replayed once.
/// The JSON is encoded on the grain's turn because MemberState is mutable; a protobuf mapping can build its message
/// on the turn (sharing the immutable records) and serialise it in the returned encoder, off the turn.
/// </summary>
public sealed class MemberSnapshotCodec : ISnapshotCodec<MemberState>
{
    public static readonly MemberSnapshotCodec Instance = new();

    public ushort Version => 1;

    public Func<byte[]> Capture(MemberState state)
    {
        var body = JournalJson.SerializeToUtf8Bytes(state);
        return () => body;
    }

    public MemberState Decode(ReadOnlySpan<byte> body) => JournalJson.Deserialize<MemberState>(body);
}
