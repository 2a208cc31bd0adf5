namespace LoyaltyGrid.Domain.Members;

/// <summary>The member's tier (null: none yet), since when, and when it is next reviewed.</summary>
public sealed record TierStatus(string? TierId, DateTimeOffset? Since, DateTimeOffset? ReviewAt)
{
    public static readonly TierStatus None = new(null, null, null);

    /// <summary>The tier was set by hand (<see cref="TierAssigned"/>): no review or metric lowers it while the assignment lasts.</summary>
    public bool Assigned { get; init; }

    /// <summary>When a manual assignment ends (null: it lasts until another tier change); only with <see cref="Assigned"/>.</summary>
    public DateTimeOffset? AssignedUntil { get; init; }
}
