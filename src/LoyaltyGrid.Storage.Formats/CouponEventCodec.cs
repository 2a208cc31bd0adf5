using LoyaltyGrid.Domain.Programs;
using P = LoyaltyGrid.Storage.Formats.V1;

namespace LoyaltyGrid.Storage.Formats;

/// <summary>A coupon code's uses (journal_events.proto <c>CouponEventRecord</c>); legacy JSON rows are read too.</summary>
public sealed class CouponEventCodec : IEventCodec<CouponEvent>
{
    public static readonly CouponEventCodec Instance = new();

    public byte[] Encode(CouponEvent e)
    {
        var record = new P.CouponEventRecord { MemberId = e.MemberId, UseId = e.UseId, At = UnixTicks.From(e.At) };
        switch (e)
        {
            case CouponUsed:
                record.Used = new P.CouponUsed();
                break;
            case CouponUseReleased:
                record.Released = new P.CouponUseReleased();
                break;
            default:
                throw new ArgumentException($"{e.GetType().Name} has no stored form.", nameof(e));
        }
        return ProtobufPayload.Encode(record);
    }

    public CouponEvent Decode(ReadOnlySpan<byte> payload)
    {
        switch (payload)
        {
            case [PayloadHeader.Protobuf, ..]:
                var r = P.CouponEventRecord.Parser.ParseFrom(payload[1..]);
                var at = UnixTicks.To(r.At);
                return r.KindCase switch
                {
                    P.CouponEventRecord.KindOneofCase.Used => new CouponUsed(r.MemberId, r.UseId, at),
                    P.CouponEventRecord.KindOneofCase.Released => new CouponUseReleased(r.MemberId, r.UseId, at),
                    _ => throw new InvalidDataException($"A coupon event of kind {r.KindCase} is unknown to this release."),
                };
            case [PayloadHeader.LegacyJson, ..]:
                return JournalJson.Deserialize<CouponEvent>(payload);
            default:
                throw PayloadHeader.Unknown(payload, nameof(CouponEvent));
        }
    }
}
