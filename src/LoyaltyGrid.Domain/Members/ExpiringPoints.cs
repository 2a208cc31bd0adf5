namespace LoyaltyGrid.Domain.Members;

/// <summary>Points that will expire at <see cref="ExpiresAt"/> unless spent.</summary>
public sealed record ExpiringPoints(long Points, DateTimeOffset ExpiresAt);
