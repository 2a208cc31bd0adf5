namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>Bounds on coalition settings, chosen so that settlement sums stay exact (it multiplies in 128 bits).</summary>
public static class CoalitionLimits
{
    /// <summary>1,000,000 minor units per point: far above any real price, far below any overflow.</summary>
    public const long MaxPriceMinorPerThousandPoints = 1_000_000_000;

    /// <summary>
    /// The largest referral fee (10,000,000.00 in a two-decimal currency): a billion referred members at this fee still
    /// sum within a 64-bit settlement column.
    /// </summary>
    public const long MaxReferralFeeMinor = 1_000_000_000;

    /// <summary>How far ahead a change of terms may be scheduled.</summary>
    public static readonly TimeSpan MaxScheduleAhead = TimeSpan.FromDays(366);

    /// <summary>
    /// The latest end a settlement period may have: a day short of the last representable instant, so that the
    /// settlement's closing grace (and any other margin added to a period's end) never overflows.
    /// </summary>
    public static readonly DateTimeOffset LatestPeriodEnd = new(9999, 12, 30, 0, 0, 0, TimeSpan.Zero);
}
