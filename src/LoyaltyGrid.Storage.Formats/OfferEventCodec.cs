using LoyaltyGrid.Domain.Offers;
using P = LoyaltyGrid.Storage.Formats.V1;

namespace LoyaltyGrid.Storage.Formats;

/// <summary>An offer's stream (offer_events.proto <c>OfferEventRecord</c>), field by field. Written only in this format.</summary>
public sealed class OfferEventCodec : IEventCodec<OfferEvent>
{
    public static readonly OfferEventCodec Instance = new();

    public byte[] Encode(OfferEvent e)
    {
        var record = new P.OfferEventRecord { At = UnixTicks.From(e.At) };
        if (e.RequestId is { } requestId) { record.RequestId = requestId; }
        if (e.Fingerprint is { } fingerprint) { record.Fingerprint = fingerprint; }
        switch (e)
        {
            case OfferCreated created:
                record.Created = new P.OfferCreated { Offer = ToProto(created.Offer), Actor = created.Actor };
                break;
            case OfferCounted counted:
                record.Counted = new P.OfferCounted
                {
                    MemberId = counted.MemberId, Response = (P.StoredOfferResponse)(int)counted.Response, FirstForMember = counted.FirstForMember,
                };
                break;
            default:
                throw new ArgumentException($"Offer event {e.GetType().Name} has no stored form.", nameof(e));
        }
        return ProtobufPayload.Encode(record);
    }

    public OfferEvent Decode(ReadOnlySpan<byte> payload)
    {
        if (payload is not [PayloadHeader.Protobuf, ..])
        {
            throw PayloadHeader.Unknown(payload, nameof(OfferEvent));
        }
        var r = P.OfferEventRecord.Parser.ParseFrom(payload[1..]);
        var requestId = r.HasRequestId ? r.RequestId : null;
        var fingerprint = r.HasFingerprint ? r.Fingerprint : null;
        var at = UnixTicks.To(r.At);
        return r.KindCase switch
        {
            P.OfferEventRecord.KindOneofCase.Created => new OfferCreated(FromProto(r.Created.Offer), r.Created.Actor)
            {
                RequestId = requestId, Fingerprint = fingerprint, At = at,
            },
            P.OfferEventRecord.KindOneofCase.Counted => new OfferCounted(r.Counted.MemberId, Response(r.Counted.Response), r.Counted.FirstForMember)
            {
                RequestId = requestId, Fingerprint = fingerprint, At = at,
            },
            _ => throw new InvalidDataException($"An offer event of kind {r.KindCase} is unknown to this release."),
        };
    }

    internal static OfferResponse Response(P.StoredOfferResponse stored)
    {
        var response = (OfferResponse)(int)stored;
        return Enum.IsDefined(response) ? response : throw new InvalidDataException($"Offer response {stored} is unknown to this release.");
    }

    internal static P.StoredOffer ToProto(Offer o)
    {
        var stored = new P.StoredOffer
        {
            OfferId = o.OfferId,
            Name = o.Name,
            Description = o.Description,
            // The stored numbers are the C# enum's, fixed by OfferKind's own declaration.
            Kind = (P.StoredOfferKind)(int)o.Kind,
            BonusPoints = o.BonusPoints,
            ValidFrom = UnixTicks.From(o.ValidFrom),
            ValidUntil = UnixTicks.From(o.ValidUntil),
            PerMemberCap = o.PerMemberCap,
            PointValueMilliMinor = o.PointValueMilliMinor,
            ProgramValueMinor = o.ProgramValueMinor,
        };
        if (o.PromotionId is { } promotionId) { stored.PromotionId = promotionId; }
        if (o.RewardId is { } rewardId) { stored.RewardId = rewardId; }
        stored.MemberIds.AddRange(o.MemberIds);
        stored.TierIds.AddRange(o.TierIds);
        stored.SegmentIds.AddRange(o.SegmentIds);
        return stored;
    }

    internal static Offer FromProto(P.StoredOffer s)
    {
        var kind = (OfferKind)(int)s.Kind;
        if (!Enum.IsDefined(kind))
        {
            throw new InvalidDataException($"Offer kind {s.Kind} is unknown to this release.");
        }
        return new Offer(s.OfferId, s.Name, s.Description, kind, s.BonusPoints, s.HasPromotionId ? s.PromotionId : null,
            s.HasRewardId ? s.RewardId : null, [.. s.MemberIds], [.. s.TierIds], [.. s.SegmentIds], UnixTicks.To(s.ValidFrom),
            UnixTicks.To(s.ValidUntil), s.PerMemberCap, s.PointValueMilliMinor, s.ProgramValueMinor);
    }
}

/// <summary>A member's offers stream (offer_events.proto <c>MemberOfferEventRecord</c>). Written only in this format.</summary>
public sealed class MemberOfferEventCodec : IEventCodec<MemberOfferResponded>
{
    public static readonly MemberOfferEventCodec Instance = new();

    public byte[] Encode(MemberOfferResponded e)
    {
        var record = new P.MemberOfferEventRecord { RecordedAt = UnixTicks.From(e.RecordedAt) };
        if (e.RequestId is { } requestId) { record.RequestId = requestId; }
        if (e.Fingerprint is { } fingerprint) { record.Fingerprint = fingerprint; }
        var s = record.Responded = new P.MemberOfferResponded
        {
            OfferId = e.OfferId,
            Response = (P.StoredOfferResponse)(int)e.Response,
            Acceptance = e.Acceptance,
            OfferValidUntil = UnixTicks.From(e.OfferValidUntil),
            Points = e.Points,
            Actor = e.Actor,
            FirstForMember = e.FirstForMember,
        };
        if (e.CouponCode is { } couponCode) { s.CouponCode = couponCode; }
        if (e.RewardCode is { } rewardCode) { s.RewardCode = rewardCode; }
        return ProtobufPayload.Encode(record);
    }

    public MemberOfferResponded Decode(ReadOnlySpan<byte> payload)
    {
        if (payload is not [PayloadHeader.Protobuf, ..])
        {
            throw PayloadHeader.Unknown(payload, nameof(MemberOfferResponded));
        }
        var r = P.MemberOfferEventRecord.Parser.ParseFrom(payload[1..]);
        if (r.KindCase != P.MemberOfferEventRecord.KindOneofCase.Responded)
        {
            throw new InvalidDataException($"A member offer event of kind {r.KindCase} is unknown to this release.");
        }
        var s = r.Responded;
        return new MemberOfferResponded(s.OfferId, OfferEventCodec.Response(s.Response), s.Acceptance, UnixTicks.To(s.OfferValidUntil), s.Points,
            s.HasCouponCode ? s.CouponCode : null, s.HasRewardCode ? s.RewardCode : null, s.Actor, s.FirstForMember)
        {
            RequestId = r.HasRequestId ? r.RequestId : null,
            Fingerprint = r.HasFingerprint ? r.Fingerprint : null,
            RecordedAt = UnixTicks.To(r.RecordedAt),
        };
    }
}

/// <summary>A program's list of offers (offer_events.proto <c>OfferCatalogEventRecord</c>). Written only in this format.</summary>
public sealed class OfferCatalogEventCodec : IEventCodec<OfferListed>
{
    public static readonly OfferCatalogEventCodec Instance = new();

    public byte[] Encode(OfferListed e) =>
        ProtobufPayload.Encode(new P.OfferCatalogEventRecord { At = UnixTicks.From(e.At), Listed = new P.OfferListed { OfferId = e.OfferId } });

    public OfferListed Decode(ReadOnlySpan<byte> payload)
    {
        if (payload is not [PayloadHeader.Protobuf, ..])
        {
            throw PayloadHeader.Unknown(payload, nameof(OfferListed));
        }
        var r = P.OfferCatalogEventRecord.Parser.ParseFrom(payload[1..]);
        return r.KindCase == P.OfferCatalogEventRecord.KindOneofCase.Listed
            ? new OfferListed(r.Listed.OfferId, UnixTicks.To(r.At))
            : throw new InvalidDataException($"An offer catalogue event of kind {r.KindCase} is unknown to this release.");
    }
}
