using LoyaltyGrid.Domain.Offers;

namespace LoyaltyGrid.Grains;

/// <summary>
/// One personal offer: its definition and its counts, in a journal of its own. Key: see <see cref="OfferKey"/>. Every
/// change is durable before it is answered.
/// </summary>
[Alias("lg.IOfferGrain")]
public interface IOfferGrain : IGrainWithStringKey
{
    /// <summary>CreateOffer; a created offer is listed in its program's offers.</summary>
    [Alias("Create")]
    Task<GrainReply<Offer>> Create(CreateOffer command);

    /// <summary>The offer whole, with its counts; OFFER_NOT_FOUND if it does not exist. Changes nothing.</summary>
    [Alias("View")]
    Task<GrainReply<OfferView>> View();

    /// <summary>
    /// The offer as <paramref name="member"/> sees it (no list of named members) and whether it targets them
    /// (<see cref="OfferTargeting.Allows"/>); null if the offer does not exist. Changes nothing.
    /// </summary>
    [Alias("ViewFor")]
    Task<MemberOfferView?> ViewFor(MemberFacts member);

    /// <summary>Counts a member's response at <paramref name="sequence"/> of their offers stream, once however often it is sent.</summary>
    [Alias("Count")]
    Task<GrainReply<bool>> Count(string memberId, long sequence, OfferResponse response, bool firstForMember);
}

/// <summary>Which offers a program has, in the order they were created. Key: the program id.</summary>
[Alias("lg.IOfferCatalogGrain")]
public interface IOfferCatalogGrain : IGrainWithStringKey
{
    /// <summary>Lists an offer (durable); listed already is a no-op. OFFER_LIMIT_EXCEEDED past the program's limit.</summary>
    [Alias("Add")]
    Task<GrainReply<bool>> Add(string offerId);

    [Alias("List")]
    Task<IReadOnlyList<string>> List();
}

/// <summary>
/// One member's responses to their program's offers, in a journal of its own (<c>member-offers/{program_id}/{member_id}</c>),
/// not the member's points journal. Key: <c>{program_id}/{member_id}</c>, like <see cref="IMemberGrain"/>.
/// </summary>
[Alias("lg.IMemberOffersGrain")]
public interface IMemberOffersGrain : IGrainWithStringKey
{
    /// <summary>RespondToOffer: idempotent by request id (a retry answers the same and hands nothing over twice).</summary>
    [Alias("Respond")]
    Task<GrainReply<MemberOfferResponded>> Respond(RespondToOffer command);

    /// <summary>What the member has done with each offer still running. Changes nothing.</summary>
    [Alias("Statuses")]
    Task<IReadOnlyDictionary<string, MemberOfferStatus>> Statuses();
}
