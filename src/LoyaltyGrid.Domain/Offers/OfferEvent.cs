using System.Text.Json.Serialization;

namespace LoyaltyGrid.Domain.Offers;

/// <summary>One event of an offer's stream (<c>offer/{program_id}/{offer_id}</c>, offer_events.proto <c>OfferEventRecord</c>).</summary>
[JsonDerivedType(typeof(OfferCreated), "created")]
[JsonDerivedType(typeof(OfferCounted), "counted")]
public abstract record OfferEvent
{
    /// <summary>CreateOffer: the client's request id. A count: <c>{member_id}:{sequence}</c> of the member's offers stream, so a count is taken once.</summary>
    public string? RequestId { get; init; }

    public string? Fingerprint { get; init; }

    public required DateTimeOffset At { get; init; }
}

public sealed record OfferCreated(Offer Offer, string Actor) : OfferEvent;

/// <summary>
/// A member's response, counted. <see cref="FirstForMember"/>: the member's first of this response to the offer (the
/// counts of members shown, accepting and declining count these). An acceptance is counted once it is fulfilled
/// (points credited, coupon code issued, reward redeemed), so it counts as redeemed too.
/// </summary>
public sealed record OfferCounted(string MemberId, OfferResponse Response, bool FirstForMember) : OfferEvent;
