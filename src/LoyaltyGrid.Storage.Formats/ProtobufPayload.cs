using Google.Protobuf;

namespace LoyaltyGrid.Storage.Formats;

/// <summary>A protobuf record behind the <see cref="PayloadHeader.Protobuf"/> byte, written in one allocation.</summary>
public static class ProtobufPayload
{
    public static byte[] Encode(IMessage record)
    {
        var size = record.CalculateSize();
        var payload = new byte[size + 1];
        payload[0] = PayloadHeader.Protobuf;
        record.WriteTo(payload.AsSpan(1));
        return payload;
    }
}
