namespace LoyaltyGrid.Domain.Offers;

/// <summary>
/// What targeting reads about a member. Segments (issue 12 part 4) add the member's segment ids here, and
/// <see cref="OfferTargeting.Allows"/> compares them with <see cref="Offer.SegmentIds"/>.
/// </summary>
public sealed record MemberFacts(string MemberId, string? TierId)
{
    /// <summary>The program's segments the member is in (Segments/GetMemberSegments); empty: none.</summary>
    public IReadOnlyCollection<string> SegmentIds { get; init; } = [];
}
