using LoyaltyGrid.Domain.Referrals;
using P = LoyaltyGrid.Storage.Formats.V1;

namespace LoyaltyGrid.Storage.Formats;

/// <summary>A referral code's journal (referral_events.proto <c>ReferralCodeClaimed</c>).</summary>
public sealed class ReferralCodeEventCodec : IEventCodec<ReferralCodeClaimed>
{
    public static readonly ReferralCodeEventCodec Instance = new();

    public byte[] Encode(ReferralCodeClaimed e)
    {
        var record = new P.ReferralCodeClaimed { MemberId = e.MemberId, At = UnixTicks.From(e.At) };
        if (e.ExpiresAt is { } expires)
        {
            record.ExpiresAt = UnixTicks.From(expires);
        }
        if (e.PartnerId is { } partner)
        {
            record.PartnerId = partner;
        }
        return ProtobufPayload.Encode(record);
    }

    public ReferralCodeClaimed Decode(ReadOnlySpan<byte> payload)
    {
        if (payload is not [PayloadHeader.Protobuf, ..])
        {
            throw PayloadHeader.Unknown(payload, nameof(ReferralCodeClaimed));
        }
        var r = P.ReferralCodeClaimed.Parser.ParseFrom(payload[1..]);
        return new ReferralCodeClaimed(r.MemberId, r.HasExpiresAt ? UnixTicks.To(r.ExpiresAt) : null, UnixTicks.To(r.At))
        {
            PartnerId = r.HasPartnerId ? r.PartnerId : null,
        };
    }
}
