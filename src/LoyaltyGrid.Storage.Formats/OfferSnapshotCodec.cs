using Google.Protobuf;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Offers;
using P = LoyaltyGrid.Storage.Formats.V1;

namespace LoyaltyGrid.Storage.Formats;

/// <summary>
/// An offer's snapshot body: offer_events.proto <c>OfferSnapshot</c>, mapped field by field. An offer's stream has an
/// event for every counted response, so without it an activation would replay all of them. The state is bounded (the
/// definition, the counts, the counts' keys for the request retention); the keys are written in ordinal order.
/// </summary>
/// <param name="create">A new, empty state as the host configures it (its request retention), to restore into.</param>
public sealed class OfferSnapshotCodec(Func<OfferState> create) : ISnapshotCodec<OfferState>
{
    /// <summary>1: the first snapshot of an offer.</summary>
    public ushort Version => 1;

    public Func<byte[]> Capture(OfferState state)
    {
        var message = ToProto(state);
        return message.ToByteArray;
    }

    public OfferState Decode(ReadOnlySpan<byte> body)
    {
        var m = P.OfferSnapshot.Parser.ParseFrom(body);
        var state = create();
        state.Restore(m.Version, m.Offer is null ? null : OfferEventCodec.FromProto(m.Offer), m.Actor, UnixTicks.To(m.CreatedAt),
            new OfferCounts(m.Shown, m.Accepted, m.AcceptedMembers, m.Declined, m.Redeemed), m.HasSweptAt ? UnixTicks.To(m.SweptAt) : null);
        foreach (var r in m.Requests)
        {
            state.Requests[r.Key] = new RequestRecord(r.Fingerprint, UnixTicks.To(r.RecordedAt), r.Sequence);
        }
        return state;
    }

    public static P.OfferSnapshot ToProto(OfferState s)
    {
        var m = new P.OfferSnapshot
        {
            Version = s.Version,
            Actor = s.Actor,
            CreatedAt = UnixTicks.From(s.CreatedAt),
            Shown = s.Counts.Shown,
            Accepted = s.Counts.Accepted,
            AcceptedMembers = s.Counts.AcceptedMembers,
            Declined = s.Counts.Declined,
            Redeemed = s.Counts.Redeemed,
        };
        if (s.Offer is { } offer)
        {
            m.Offer = OfferEventCodec.ToProto(offer);
        }
        if (s.SweptAt is { } swept)
        {
            m.SweptAt = UnixTicks.From(swept);
        }
        foreach (var (key, record) in s.Requests.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            m.Requests.Add(new P.OfferSnapshotRequest
            {
                Key = key, Fingerprint = record.Fingerprint, RecordedAt = UnixTicks.From(record.RecordedAt), Sequence = record.Sequence,
            });
        }
        return m;
    }
}
