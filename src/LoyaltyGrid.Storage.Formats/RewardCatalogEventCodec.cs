using LoyaltyGrid.Domain.Rewards;
using P = LoyaltyGrid.Storage.Formats.V1;

namespace LoyaltyGrid.Storage.Formats;

/// <summary>A program's rewards catalogue (rewards_events.proto <c>RewardCatalogEventRecord</c>). Written only in this format.</summary>
public sealed class RewardCatalogEventCodec : IEventCodec<RewardListed>
{
    public static readonly RewardCatalogEventCodec Instance = new();

    public byte[] Encode(RewardListed e) =>
        ProtobufPayload.Encode(new P.RewardCatalogEventRecord { At = UnixTicks.From(e.At), Listed = new P.RewardListed { RewardId = e.RewardId } });

    public RewardListed Decode(ReadOnlySpan<byte> payload)
    {
        if (payload is not [PayloadHeader.Protobuf, ..])
        {
            throw PayloadHeader.Unknown(payload, nameof(RewardListed));
        }
        var r = P.RewardCatalogEventRecord.Parser.ParseFrom(payload[1..]);
        return r.KindCase == P.RewardCatalogEventRecord.KindOneofCase.Listed
            ? new RewardListed(r.Listed.RewardId, UnixTicks.To(r.At))
            : throw new InvalidDataException($"A reward catalogue event of kind {r.KindCase} is unknown to this release.");
    }
}
