namespace LoyaltyGrid.Storage.Formats;

/// <summary>
/// Events written as <see cref="JournalJson"/> inside the "json v1" envelope (<see cref="PayloadHeader.Json"/>). For
/// program events, whose many rule kinds have no protobuf schema yet; it reads legacy headerless JSON too.
/// </summary>
public sealed class JsonEventCodec<TEvent> : IEventCodec<TEvent>
{
    public static readonly JsonEventCodec<TEvent> Instance = new();

    public byte[] Encode(TEvent e) => PayloadHeader.Prefix(PayloadHeader.Json, JournalJson.SerializeToUtf8Bytes(e));

    public TEvent Decode(ReadOnlySpan<byte> payload) => payload switch
    {
        [PayloadHeader.Json, ..] => JournalJson.Deserialize<TEvent>(payload[1..]),
        [PayloadHeader.LegacyJson, ..] => JournalJson.Deserialize<TEvent>(payload),
        _ => throw PayloadHeader.Unknown(payload, typeof(TEvent).Name),
    };
}
