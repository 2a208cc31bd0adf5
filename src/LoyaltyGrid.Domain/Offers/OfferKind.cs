namespace LoyaltyGrid.Domain.Offers;

/// <summary>What a member gets on accepting an offer. The numbers are stored (offer_events.proto); never renumber.</summary>
public enum OfferKind
{
    /// <summary>Points credited to the member (ledger type OFFER_BONUS).</summary>
    BonusPoints = 1,

    /// <summary>A code of one of the program's coupon promotions, issued to the member only.</summary>
    Coupon = 2,

    /// <summary>A reward of the catalogue, redeemed for the member through the reward's own path (its points cost is debited).</summary>
    Reward = 3,
}

/// <summary>What a member did with an offer. The numbers are stored (offer_events.proto); never renumber.</summary>
public enum OfferResponse
{
    Shown = 1,
    Accepted = 2,
    Declined = 3,
}
