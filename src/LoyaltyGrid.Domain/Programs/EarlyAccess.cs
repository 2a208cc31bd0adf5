namespace LoyaltyGrid.Domain.Programs;

/// <summary>Members of <see cref="MinTierId"/> or a higher tier may use the promotion from <see cref="StartsAt"/>.</summary>
public sealed record EarlyAccess(string MinTierId, DateTimeOffset StartsAt);
