using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain.Offers;

/// <summary>
/// A member's responses to their program's offers: one status per offer until the offer ends (then it is forgotten,
/// with <see cref="Limits.MaxClockSkew"/> to spare), and the request ids for their retention. Bounded by the program's
/// live offers, not by the member's history.
/// </summary>
public sealed class MemberOffersState : IAppliesEvents<MemberOfferResponded>
{

    private DateTimeOffset? sweptAt;

    public long Version { get; private set; }

    public Dictionary<string, MemberOfferStatus> Offers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, RequestRecord> Requests { get; } = new(StringComparer.Ordinal);

    public TimeSpan RequestRetention { get; set; } = TimeSpan.FromDays(7) + Limits.MaxClockSkew;

    public void Apply(MemberOfferResponded e, long sequence)
    {
        if (sequence != Version + 1)
        {
            throw new InvalidOperationException($"Member offer event {sequence} applied after {Version}: the stream has a gap.");
        }
        var status = Offers.GetValueOrDefault(e.OfferId) ?? new MemberOfferStatus(false, 0, false, e.OfferValidUntil);
        Offers[e.OfferId] = e.Response switch
        {
            OfferResponse.Shown => status with { Shown = true },
            OfferResponse.Accepted => status with { Accepted = Math.Max(status.Accepted, e.Acceptance) },
            OfferResponse.Declined => status with { Declined = true },
            _ => status,
        };
        if (e.RequestId is { } requestId && e.Fingerprint is { } fingerprint)
        {
            Requests[requestId] = new RequestRecord(fingerprint, e.RecordedAt, sequence);
        }
        Version = sequence;
        Sweep(e.RecordedAt);
    }

    public MemberOfferStatus? Status(string offerId) => Offers.GetValueOrDefault(offerId);

    public RequestRecord? Remembered(string requestId, DateTimeOffset now) => RequestMemory.Remembered(Requests, requestId, now, RequestRetention);

    private void Sweep(DateTimeOffset now)
    {
        if (!RequestMemory.Sweep(Requests, ref sweptAt, now, RequestRetention))
        {
            return;
        }
        foreach (var (offerId, status) in Offers)
        {
            if (status.ValidUntil < now - Limits.MaxClockSkew)
            {
                Offers.Remove(offerId);
            }
        }
    }
}
