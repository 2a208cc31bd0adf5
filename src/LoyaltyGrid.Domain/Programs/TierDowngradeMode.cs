namespace LoyaltyGrid.Domain.Programs;

/// <summary>When a member who no longer qualifies for their tier leaves it.</summary>
public enum TierDowngradeMode
{
    /// <summary>At the member's review (after the grace period), one tier down per review: the default, as before modes.</summary>
    AtReview,

    /// <summary>Never: a tier once reached is kept; there are no reviews.</summary>
    Never,

    /// <summary>As soon as the metric falls below the tier's threshold (a return, purchases leaving the window), to the tier it still earns; no reviews.</summary>
    Immediate,
}
