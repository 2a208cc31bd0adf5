using System.Text;

namespace LoyaltyGrid.Storage.Tests;

/// <summary>The contract tests write readable text; the store holds it as its UTF-8 bytes.</summary>
internal static class TestPayloads
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static StoredEvent Event(long sequence, string payload) => new(sequence, Utf8(payload));

    public static StreamEvent StreamEventOf(string streamId, long sequence, string payload) => new(streamId, sequence, Utf8(payload));

    public static StoredSnapshot Snapshot(string streamId, long sequence, string payload) => new(streamId, sequence, Utf8(payload));

    public static StreamAppend Append(string streamId, long firstSequence, IReadOnlyList<string> payloads, WakeUp? wakeUp = null) =>
        new(streamId, firstSequence, payloads.Select(Utf8).ToArray(), wakeUp);
}
