namespace LoyaltyGrid.Domain.Offers;

/// <summary>What a new response will do, decided before anything is fulfilled or written.</summary>
/// <param name="Acceptance">For an acceptance, its number for the member (1 for the first); 0 otherwise.</param>
public sealed record OfferResponsePlan(OfferResponse Response, int Acceptance, bool FirstForMember, string Fingerprint);

/// <summary>
/// The rules of a member's responses: an offer may be shown, accepted or declined only while it is live and for a
/// member it targets; an acceptance only below the per-member cap. Showing or declining again changes nothing
/// (counted once per member); a declined offer is no longer listed for the member but may still be accepted.
/// </summary>
public static class MemberOffersBook
{
    /// <summary>The sequence of the event that answered this request before, or null for a new request.</summary>
    public static long? ReplayOf(MemberOffersState state, RespondToOffer command, DateTimeOffset now)
    {
        command.Validate();
        if (state.Remembered(command.RequestId, now) is not { } done)
        {
            return null;
        }
        return Fingerprint.Matches(done.Fingerprint, command, Fingerprint.Of(command)) ? done.Sequence : throw OfferBook.RequestIdReused(command.RequestId);
    }

    public static OfferResponsePlan Decide(MemberOffersState state, RespondToOffer command, Offer offer, MemberFacts member, DateTimeOffset now)
    {
        command.Validate();
        if (now < offer.ValidFrom)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("OFFER_NOT_STARTED", $"offer '{offer.OfferId}' starts at {offer.ValidFrom:O}"));
        }
        if (now >= offer.ValidUntil)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("OFFER_EXPIRED", $"offer '{offer.OfferId}' ended at {offer.ValidUntil:O}"));
        }
        if (!OfferTargeting.Allows(offer, member))
        {
            throw new LoyaltyException(LoyaltyError.Precondition("OFFER_NOT_FOR_MEMBER",
                $"offer '{offer.OfferId}' is not for member '{member.MemberId}'"));
        }
        var status = state.Status(offer.OfferId);
        var response = command.Response!.Value;
        if (response == OfferResponse.Accepted && (status?.Accepted ?? 0) >= offer.PerMemberCap)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("OFFER_CAP_REACHED",
                $"member '{member.MemberId}' has accepted offer '{offer.OfferId}' {status!.Accepted} time(s), its per-member cap"));
        }
        return response switch
        {
            OfferResponse.Shown => new(response, 0, status?.Shown != true, Fingerprint.Of(command)),
            OfferResponse.Declined => new(response, 0, status?.Declined != true, Fingerprint.Of(command)),
            _ => new(response, (status?.Accepted ?? 0) + 1, (status?.Accepted ?? 0) == 0, Fingerprint.Of(command)),
        };
    }

    /// <summary>Whether the member may take <paramref name="offer"/> now: what GetMemberOffers lists.</summary>
    public static bool Open(MemberOffersState state, Offer offer, MemberFacts member, DateTimeOffset now) =>
        Open(state.Status(offer.OfferId), offer, member, now);

    public static bool Open(MemberOfferStatus? status, Offer offer, MemberFacts member, DateTimeOffset now) =>
        offer.IsLive(now) && OfferTargeting.Allows(offer, member) && status?.Declined != true && (status?.Accepted ?? 0) < offer.PerMemberCap;
}
