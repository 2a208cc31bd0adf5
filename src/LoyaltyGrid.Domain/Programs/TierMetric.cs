namespace LoyaltyGrid.Domain.Programs;

public enum TierMetric
{
    /// <summary>Money spent on lines that earn (excluded categories do not count), less returns, in minor units.</summary>
    QualifyingSpend,

    /// <summary>Points earned by purchases, less points reversed by returns.</summary>
    PointsEarned,
}
