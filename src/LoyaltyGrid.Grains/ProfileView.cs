using LoyaltyGrid.Domain.Profiles;

namespace LoyaltyGrid.Grains;

/// <summary>A member's contact details and current consents (email, sms, push order), and when either last changed.</summary>
[GenerateSerializer, Immutable, Alias("lg.ProfileView")]
public sealed record ProfileView(
    [property: Id(0)] ContactDetails Contact,
    [property: Id(1)] IReadOnlyList<Consent> Consents,
    [property: Id(2)] DateTimeOffset? UpdatedAt);
