namespace LoyaltyGrid.Domain.Offers;

/// <summary>The one place that says whether an offer is for a member; every read and every response asks it.</summary>
public static class OfferTargeting
{
    /// <summary>
    /// An offer naming no members, tiers or segments is for every member of the program; otherwise for a member it
    /// names, a member of a tier it names or a member of a segment it names (any one is enough; the member's segments
    /// are those it keeps itself, <see cref="MemberFacts.SegmentIds"/>).
    /// </summary>
    public static bool Allows(Offer offer, MemberFacts member)
    {
        if (offer.MemberIds.Count == 0 && offer.TierIds.Count == 0 && offer.SegmentIds.Count == 0)
        {
            return true;
        }
        return offer.MemberSet.Contains(member.MemberId)
            || (member.TierId is { } tier && offer.TierIds.Contains(tier))
            || offer.SegmentIds.Any(member.SegmentIds.Contains);
    }
}
