namespace LoyaltyGrid.Grains;

/// <summary>
/// Offer grain keys <c>{program_id}/{offer_id}</c> and streams <c>offer/{program_id}/{offer_id}</c>; a program's list
/// of offers is keyed by the program id, its stream <c>offers/{program_id}</c>; a member's responses are keyed like
/// the member (<see cref="MemberKey"/>), their stream <c>member-offers/{program_id}/{member_id}</c>, apart from the
/// points journal. Ids cannot contain '/'.
/// </summary>
public static class OfferKey
{
    public static string For(string programId, string offerId) => $"{programId}/{offerId}";

    public static string StreamOf(string grainKey) => "offer/" + grainKey;

    public static string CatalogStreamOf(string programId) => "offers/" + programId;

    public static string MemberStreamOf(string memberKey) => "member-offers/" + memberKey;

    public static (string ProgramId, string OfferId) Parse(string grainKey)
    {
        var slash = grainKey.IndexOf('/');
        return (grainKey[..slash], grainKey[(slash + 1)..]);
    }
}
