namespace LoyaltyGrid.Domain.Offers;

/// <summary>An offer added to its program's list (<c>offers/{program_id}</c>).</summary>
public sealed record OfferListed(string OfferId, DateTimeOffset At);
