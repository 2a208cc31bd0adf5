using LoyaltyGrid.Domain.Rewards;
using P = LoyaltyGrid.Storage.Formats.V1;

namespace LoyaltyGrid.Storage.Formats;

/// <summary>A reward code's stream (rewards_events.proto <c>RewardCodeEventRecord</c>), field by field. Written only in this format.</summary>
public sealed class RewardCodeEventCodec : IEventCodec<RewardCodeEvent>
{
    public static readonly RewardCodeEventCodec Instance = new();

    public byte[] Encode(RewardCodeEvent e)
    {
        var record = new P.RewardCodeEventRecord { At = UnixTicks.From(e.At) };
        switch (e)
        {
            case RewardCodeIssued x:
                var t = x.Terms;
                var issued = record.Issued = new P.RewardCodeIssued
                {
                    Code = t.Code,
                    RewardId = t.RewardId,
                    Name = t.Name,
                    MemberId = t.MemberId,
                    Kind = (P.StoredRewardKind)(int)t.Kind,
                    DiscountMinor = t.DiscountMinor,
                    DiscountPercent = t.DiscountPercent,
                    IssuedAt = UnixTicks.From(t.IssuedAt),
                    ExpiresAt = UnixTicks.From(t.ExpiresAt),
                };
                if (t.Sku is { } sku) { issued.Sku = sku; }
                if (t.PartnerId is { } partner) { issued.PartnerId = partner; }
                break;
            case RewardCodeUsed x:
                record.Used = new P.RewardCodeUsed { MemberId = x.MemberId, UseId = x.UseId };
                break;
            case RewardCodeUseReleased x:
                record.UseReleased = new P.RewardCodeUseReleased { MemberId = x.MemberId, UseId = x.UseId };
                break;
            case RewardCodeCancelled:
                record.Cancelled = new P.RewardCodeCancelled();
                break;
            default:
                throw new ArgumentException($"{e.GetType().Name} has no stored form.", nameof(e));
        }
        return ProtobufPayload.Encode(record);
    }

    public RewardCodeEvent Decode(ReadOnlySpan<byte> payload)
    {
        if (payload is not [PayloadHeader.Protobuf, ..])
        {
            throw PayloadHeader.Unknown(payload, nameof(RewardCodeEvent));
        }
        var r = P.RewardCodeEventRecord.Parser.ParseFrom(payload[1..]);
        var at = UnixTicks.To(r.At);
        switch (r.KindCase)
        {
            case P.RewardCodeEventRecord.KindOneofCase.Issued:
                var i = r.Issued;
                var kind = (RewardKind)(int)i.Kind;
                if (!Enum.IsDefined(kind))
                {
                    throw new InvalidDataException($"Reward kind {i.Kind} is unknown to this release.");
                }
                return new RewardCodeIssued(new RewardCode(i.Code, i.RewardId, i.Name, i.MemberId, kind, i.HasSku ? i.Sku : null, i.DiscountMinor,
                    i.DiscountPercent, i.HasPartnerId ? i.PartnerId : null, UnixTicks.To(i.IssuedAt), UnixTicks.To(i.ExpiresAt))) { At = at };
            case P.RewardCodeEventRecord.KindOneofCase.Used:
                return new RewardCodeUsed(r.Used.MemberId, r.Used.UseId) { At = at };
            case P.RewardCodeEventRecord.KindOneofCase.UseReleased:
                return new RewardCodeUseReleased(r.UseReleased.MemberId, r.UseReleased.UseId) { At = at };
            case P.RewardCodeEventRecord.KindOneofCase.Cancelled:
                return new RewardCodeCancelled { At = at };
            default:
                throw new InvalidDataException($"A reward code event of kind {r.KindCase} is unknown to this release.");
        }
    }
}
