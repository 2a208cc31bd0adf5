using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain.Offers;

/// <summary>
/// An offer's state: its definition and counts, and the request ids seen for their retention (CreateOffer's and each
/// count's), so its size is the definition's plus the counts of the last few days, however many members respond.
/// </summary>
public sealed class OfferState : IAppliesEvents<OfferEvent>
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromHours(1);

    private DateTimeOffset? sweptAt;

    public long Version { get; private set; }

    public Offer? Offer { get; private set; }

    public string Actor { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public OfferCounts Counts { get; private set; } = OfferCounts.None;

    public Dictionary<string, RequestRecord> Requests { get; } = new(StringComparer.Ordinal);

    public TimeSpan RequestRetention { get; set; } = TimeSpan.FromDays(7) + Limits.MaxClockSkew;

    public void Apply(OfferEvent e, long sequence)
    {
        if (sequence != Version + 1)
        {
            throw new InvalidOperationException($"Offer event {sequence} applied after {Version}: the stream has a gap.");
        }
        switch (e)
        {
            case OfferCreated created:
                Offer = created.Offer;
                Actor = created.Actor;
                CreatedAt = created.At;
                break;
            case OfferCounted counted:
                var c = Counts;
                Counts = counted.Response switch
                {
                    OfferResponse.Shown => c with { Shown = c.Shown + (counted.FirstForMember ? 1 : 0) },
                    OfferResponse.Accepted => c with
                    {
                        Accepted = c.Accepted + 1,
                        AcceptedMembers = c.AcceptedMembers + (counted.FirstForMember ? 1 : 0),
                        Redeemed = c.Redeemed + 1,
                    },
                    OfferResponse.Declined => c with { Declined = c.Declined + (counted.FirstForMember ? 1 : 0) },
                    _ => c,
                };
                break;
        }
        if (e.RequestId is { } requestId)
        {
            Requests[requestId] = new RequestRecord(e.Fingerprint ?? "", e.At, sequence);
        }
        Version = sequence;
        Sweep(e.At);
    }

    /// <summary>When requests were last swept, for a snapshot.</summary>
    public DateTimeOffset? SweptAt => sweptAt;

    /// <summary>Restores a snapshot's state into a new one (its requests are added to <see cref="Requests"/> after).</summary>
    public void Restore(long version, Offer? offer, string actor, DateTimeOffset createdAt, OfferCounts counts, DateTimeOffset? swept)
    {
        Version = version;
        Offer = offer;
        Actor = actor;
        CreatedAt = createdAt;
        Counts = counts;
        sweptAt = swept;
    }

    public RequestRecord? Remembered(string requestId, DateTimeOffset now) =>
        Requests.TryGetValue(requestId, out var done) && done.RecordedAt >= now - RequestRetention ? done : null;

    public OfferView View() => new(Offer ?? throw new InvalidOperationException("The offer does not exist."), Counts, Actor, CreatedAt);

    private void Sweep(DateTimeOffset now)
    {
        if (sweptAt is { } swept && now - swept < SweepEvery)
        {
            return;
        }
        sweptAt = now;
        foreach (var (requestId, record) in Requests)
        {
            if (record.RecordedAt < now - RequestRetention)
            {
                Requests.Remove(requestId);
            }
        }
    }
}
