namespace LoyaltyGrid.Domain.Members;

public enum TierChangeReason
{
    /// <summary>A purchase took the member's metric over a higher tier's threshold.</summary>
    Upgrade,

    /// <summary>At review the member still qualified.</summary>
    Retained,

    /// <summary>At review (after the grace period) the member no longer qualified: one tier down.</summary>
    Downgrade,
}
