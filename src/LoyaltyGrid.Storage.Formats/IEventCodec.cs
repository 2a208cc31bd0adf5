namespace LoyaltyGrid.Storage.Formats;

/// <summary>
/// Turns one stream kind's events into stored payloads and back. <see cref="Decode"/> reads every format the stream
/// has ever been written in (legacy JSON rows included), so loading upcasts old rows to today's events.
/// </summary>
public interface IEventCodec<TEvent>
{
    /// <summary>The payload of <paramref name="e"/> in the current format, header first.</summary>
    byte[] Encode(TEvent e);

    TEvent Decode(ReadOnlySpan<byte> payload);
}
