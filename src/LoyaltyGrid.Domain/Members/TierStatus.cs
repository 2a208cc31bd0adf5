namespace LoyaltyGrid.Domain.Members;

/// <summary>The member's tier (null: none yet), since when, and when it is next reviewed.</summary>
public sealed record TierStatus(string? TierId, DateTimeOffset? Since, DateTimeOffset? ReviewAt)
{
    public static readonly TierStatus None = new(null, null, null);
}
