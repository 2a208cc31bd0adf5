namespace LoyaltyGrid.Domain.Profiles;

/// <summary>
/// A member's optional contact details, each null when not given. Personal data: kept in the member's profile
/// stream, never in the points journal, so erasing it touches no amount.
/// </summary>
public sealed record ContactDetails(
    string? Name = null,
    string? Email = null,
    string? Phone = null,
    DateOnly? BirthDate = null,
    string? PreferredLanguage = null,
    string? TimeZone = null)
{
    public static readonly ContactDetails Empty = new();
}
