namespace LoyaltyGrid.Domain.Offers;

/// <summary>The one place that says whether an offer is for a member; every read and every response asks it.</summary>
public static class OfferTargeting
{
    /// <summary>
    /// An offer naming no members, tiers or segments is for every member of the program; otherwise for a member it
    /// names or a member of a tier it names (either is enough). Segments: CreateOffer refuses segment_ids until
    /// segment membership exists; wire it here (a member of one of <see cref="Offer.SegmentIds"/>, from <see cref="MemberFacts"/>).
    /// </summary>
    public static bool Allows(Offer offer, MemberFacts member)
    {
        if (offer.MemberIds.Count == 0 && offer.TierIds.Count == 0 && offer.SegmentIds.Count == 0)
        {
            return true;
        }
        return offer.MemberSet.Contains(member.MemberId)
            || (member.TierId is { } tier && offer.TierIds.Contains(tier));
    }
}
