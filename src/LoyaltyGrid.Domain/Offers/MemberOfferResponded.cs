namespace LoyaltyGrid.Domain.Offers;

/// <summary>
/// One response of a member to an offer, in the member's offers stream (<c>member-offers/{program_id}/{member_id}</c>).
/// An acceptance is written after it was fulfilled: <see cref="Points"/> credited (bonus), <see cref="CouponCode"/>
/// issued (coupon), or <see cref="RewardCode"/> redeemed for <see cref="Points"/> (reward).
/// </summary>
/// <param name="Acceptance">For an acceptance, its number for this member (1 for the first); 0 otherwise.</param>
/// <param name="OfferValidUntil">The offer's end, so the member's record of it is forgotten after it.</param>
/// <param name="FirstForMember">The member's first response of this kind to the offer (what the offer's member counts count).</param>
public sealed record MemberOfferResponded(
    string OfferId,
    OfferResponse Response,
    int Acceptance,
    DateTimeOffset OfferValidUntil,
    long Points,
    string? CouponCode,
    string? RewardCode,
    string Actor,
    bool FirstForMember)
{
    public string? RequestId { get; init; }

    public string? Fingerprint { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>What a member has done with one offer.</summary>
public sealed record MemberOfferStatus(bool Shown, int Accepted, bool Declined, DateTimeOffset ValidUntil);
