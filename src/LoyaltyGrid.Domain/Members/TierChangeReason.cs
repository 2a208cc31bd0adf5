namespace LoyaltyGrid.Domain.Members;

public enum TierChangeReason
{
    /// <summary>A purchase took the member's metric over a higher tier's threshold.</summary>
    Upgrade,

    /// <summary>At review the member still qualified.</summary>
    Retained,

    /// <summary>At review (after the grace period) the member no longer qualified: one tier down.</summary>
    Downgrade,

    /// <summary>A manual tier assignment (<see cref="TierAssigned"/>) reached its end: the member is in the tier their metric earns.</summary>
    AssignmentEnded,

    /// <summary>In the immediate downgrade mode the metric fell below the tier's threshold: down to the tier it still earns.</summary>
    FellBelow,
}
