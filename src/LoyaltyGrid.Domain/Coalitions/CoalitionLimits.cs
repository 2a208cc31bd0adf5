namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>Bounds on coalition settings, chosen so that settlement sums stay exact (it multiplies in 128 bits).</summary>
public static class CoalitionLimits
{
    /// <summary>1,000,000 minor units per point: far above any real price, far below any overflow.</summary>
    public const long MaxPriceMinorPerThousandPoints = 1_000_000_000;

    /// <summary>How far ahead a change of terms may be scheduled.</summary>
    public static readonly TimeSpan MaxScheduleAhead = TimeSpan.FromDays(366);
}
