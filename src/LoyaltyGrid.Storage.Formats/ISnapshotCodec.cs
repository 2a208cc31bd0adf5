namespace LoyaltyGrid.Storage.Formats;

/// <summary>
/// A stream's state to and from a snapshot body. <see cref="Version"/> is the body's schema version: a snapshot of
/// another version (older, newer, or a legacy headerless one) is not decoded but ignored, and the stream replayed.
/// So a codec that changes the body's layout bumps <see cref="Version"/>, and nothing needs migrating.
/// </summary>
public interface ISnapshotCodec<TState>
{
    ushort Version { get; }

    /// <summary>
    /// Runs on the grain's turn and returns the encoder, which runs later on the thread pool while the grain goes on
    /// changing its state. So whatever the encoder reads must be captured here: an immutable copy, or already-encoded
    /// bytes.
    /// </summary>
    Func<byte[]> Capture(TState state);

    TState Decode(ReadOnlySpan<byte> body);
}
