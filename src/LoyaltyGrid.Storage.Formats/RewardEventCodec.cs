using LoyaltyGrid.Domain.Rewards;
using P = LoyaltyGrid.Storage.Formats.V1;

namespace LoyaltyGrid.Storage.Formats;

/// <summary>A reward's stream (rewards_events.proto <c>RewardEventRecord</c>), field by field. Written only in this format.</summary>
public sealed class RewardEventCodec : IEventCodec<RewardEvent>
{
    public static readonly RewardEventCodec Instance = new();

    public byte[] Encode(RewardEvent e)
    {
        var record = new P.RewardEventRecord { At = UnixTicks.From(e.At) };
        if (e.RequestId is { } requestId) { record.RequestId = requestId; }
        if (e.Fingerprint is { } fingerprint) { record.Fingerprint = fingerprint; }
        switch (e)
        {
            case RewardDefined x:
                record.Defined = ToProto(x.Reward, x.Actor);
                break;
            case RewardReserved x:
                record.Reserved = new P.RewardReserved { Code = x.Code, MemberId = x.MemberId, Points = x.Points, ExpiresAt = UnixTicks.From(x.ExpiresAt) };
                break;
            case RewardIssued x:
                record.Issued = new P.RewardIssued { Code = x.Code, AvailableAfter = x.AvailableAfter };
                break;
            case RewardReservationReleased x:
                record.Released = new P.RewardReservationReleased { Code = x.Code, Reason = x.Reason };
                break;
            case RewardRedemptionCancelled x:
                record.Cancelled = new P.RewardRedemptionCancelled { Code = x.Code };
                break;
            case RewardRefunded x:
                record.Refunded = new P.RewardRefunded { Code = x.Code, AvailableAfter = x.AvailableAfter };
                break;
            default:
                throw new ArgumentException($"{e.GetType().Name} has no stored form.", nameof(e));
        }
        return ProtobufPayload.Encode(record);
    }

    public RewardEvent Decode(ReadOnlySpan<byte> payload)
    {
        if (payload is not [PayloadHeader.Protobuf, ..])
        {
            throw PayloadHeader.Unknown(payload, nameof(RewardEvent));
        }
        var r = P.RewardEventRecord.Parser.ParseFrom(payload[1..]);
        RewardEvent e = r.KindCase switch
        {
            P.RewardEventRecord.KindOneofCase.Defined => Defined(r.Defined),
            P.RewardEventRecord.KindOneofCase.Reserved => new RewardReserved(r.Reserved.Code, r.Reserved.MemberId, r.Reserved.Points,
                UnixTicks.To(r.Reserved.ExpiresAt)) { At = default },
            P.RewardEventRecord.KindOneofCase.Issued => new RewardIssued(r.Issued.Code, r.Issued.AvailableAfter) { At = default },
            P.RewardEventRecord.KindOneofCase.Released => new RewardReservationReleased(r.Released.Code, r.Released.Reason) { At = default },
            P.RewardEventRecord.KindOneofCase.Cancelled => new RewardRedemptionCancelled(r.Cancelled.Code) { At = default },
            P.RewardEventRecord.KindOneofCase.Refunded => new RewardRefunded(r.Refunded.Code, r.Refunded.AvailableAfter) { At = default },
            _ => throw new InvalidDataException($"A reward event of kind {r.KindCase} is unknown to this release."),
        };
        return e with
        {
            RequestId = r.HasRequestId ? r.RequestId : null,
            Fingerprint = r.HasFingerprint ? r.Fingerprint : null,
            At = UnixTicks.To(r.At),
        };
    }

    /// <summary>A definition as stored, in the event that defines it and in the snapshot.</summary>
    public static P.RewardDefined ToProto(Reward r, string actor)
    {
        var d = new P.RewardDefined
        {
            RewardId = r.RewardId,
            Name = r.Name,
            Description = r.Description,
            // The stored numbers are the C# enum's, fixed by RewardKind's own declaration.
            Kind = (P.StoredRewardKind)(int)r.Kind,
            PointsCost = r.PointsCost,
            DiscountMinor = r.DiscountMinor,
            DiscountPercent = r.DiscountPercent,
            DonationMinor = r.DonationMinor,
            Stock = r.Stock,
            PerMemberLimit = r.PerMemberLimit,
            ValidFrom = UnixTicks.From(r.ValidFrom),
            CodeValidity = r.CodeValidity.Ticks,
            Actor = actor,
        };
        if (r.Sku is { } sku) { d.Sku = sku; }
        if (r.ServiceName is { } service) { d.ServiceName = service; }
        if (r.CharityName is { } charity) { d.CharityName = charity; }
        if (r.PartnerId is { } partner) { d.PartnerId = partner; }
        if (r.ValidUntil is { } until) { d.ValidUntil = UnixTicks.From(until); }
        d.TierIds.AddRange(r.TierIds);
        d.SegmentIds.AddRange(r.SegmentIds);
        return d;
    }

    private static RewardDefined Defined(P.RewardDefined d) => new(FromProto(d), d.Actor) { At = default };

    public static Reward FromProto(P.RewardDefined d)
    {
        var kind = (RewardKind)(int)d.Kind;
        if (!Enum.IsDefined(kind))
        {
            throw new InvalidDataException($"Reward kind {d.Kind} is unknown to this release.");
        }
        return new Reward(d.RewardId, d.Name, d.Description, kind, d.PointsCost, d.HasSku ? d.Sku : null, d.DiscountMinor,
            d.DiscountPercent, d.HasServiceName ? d.ServiceName : null, d.HasCharityName ? d.CharityName : null, d.DonationMinor,
            d.HasPartnerId ? d.PartnerId : null, d.Stock, d.PerMemberLimit, UnixTicks.To(d.ValidFrom),
            d.HasValidUntil ? UnixTicks.To(d.ValidUntil) : null, [.. d.TierIds], TimeSpan.FromTicks(d.CodeValidity))
        {
            SegmentIds = [.. d.SegmentIds],
        };
    }
}
