namespace LoyaltyGrid.Domain.Security;

/// <summary>The ids a request names (empty strings are absent): what a key's scope is checked against.</summary>
public sealed record RequestScope(string? ProgramId, string? MerchantId, string? StoreId);
