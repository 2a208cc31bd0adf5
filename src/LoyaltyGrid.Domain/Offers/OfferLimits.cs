namespace LoyaltyGrid.Domain.Offers;

public static class OfferLimits
{
    /// <summary>Offer ids are shorter than other ids: they go into derived request ids with a member id.</summary>
    public const int MaxOfferIdLength = 40;

    public const int MaxMemberIds = 10_000;

    public const int MaxTierIds = 50;

    public const int MaxPerMemberCap = 100;

    /// <summary>Offers a program may ever create; GetMemberOffers looks at each live one.</summary>
    public const int MaxOffersPerProgram = 500;

    public const int MaxNameLength = 100;

    public const int MaxDescriptionLength = 1_000;

    public const long MaxPointValueMilliMinor = 1_000_000_000;

    public const long MaxProgramValueMinor = 1_000_000_000_000;

    /// <summary>An offer lasts at most this long, so a member's record of it can be forgotten soon after.</summary>
    public static readonly TimeSpan MaxValidity = TimeSpan.FromDays(366);
}
