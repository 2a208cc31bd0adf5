namespace LoyaltyGrid.Domain.Offers;

/// <summary>
/// An offer's counts. <see cref="Shown"/>, <see cref="AcceptedMembers"/> and <see cref="Declined"/> are distinct
/// members; <see cref="Accepted"/> is acceptances (a member may accept up to the per-member cap);
/// <see cref="Redeemed"/> is acceptances fulfilled: bonus points credited, reward redeemed, or, for a coupon offer, a
/// code issued to the member (whether the code is then used at a checkout is not counted).
/// </summary>
public sealed record OfferCounts(long Shown, long Accepted, long AcceptedMembers, long Declined, long Redeemed)
{
    public static readonly OfferCounts None = new(0, 0, 0, 0, 0);
}

/// <summary>An offer as its grain answers a read: null <see cref="Offer"/> never leaves the grain (NOT_FOUND instead).</summary>
public sealed record OfferView(Offer Offer, OfferCounts Counts, string Actor, DateTimeOffset CreatedAt);

/// <summary>An offer as one member sees it: <see cref="Offer"/> without its list of named members, and whether it is for them.</summary>
public sealed record MemberOfferView(Offer Offer, OfferCounts Counts, bool Targeted);
