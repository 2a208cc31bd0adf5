namespace LoyaltyGrid.Domain;

/// <summary>Bounds on request content. They keep every sum of money and points far inside int64.</summary>
public static class Limits
{
    public const int MaxIdLength = 64;
    public const int MaxRequestIdLength = 128;
    public const int MaxNameLength = 200;
    public const int MaxLines = 200;
    public const long MaxQuantity = 10_000;
    public const long MaxUnitPriceMinor = 100_000_000;
    public const long MaxPointsPerCurrencyUnit = 10_000;
    public const long MaxRedemptionPoints = 1_000_000_000_000;

    /// <summary>Most points one manual adjustment may credit or debit (a key's own limit may be lower).</summary>
    public const long MaxAdjustmentPoints = 1_000_000_000_000;

    /// <summary>Longest free-text note on an adjustment.</summary>
    public const int MaxNoteLength = 500;

    /// <summary>Most points an imported member may bring (far below <see cref="MaxLifetimePoints"/>, so they can still earn).</summary>
    public const long MaxOpeningPoints = 1_000_000_000_000;

    /// <summary>
    /// Most points a member may ever earn. One purchase earns at most 2e18 (200 lines × 10,000 × 1e8 minor × 10,000
    /// points), so checking this before each purchase keeps every balance and lifetime sum inside int64.
    /// </summary>
    public const long MaxLifetimePoints = 4_000_000_000_000_000_000;
    public const long MaxMultiplierPercent = 10_000;
    public const long MaxBonusPoints = 1_000_000_000;
    public const long MaxThreshold = 1_000_000_000_000_000;
    public const int MaxExpiryMonths = 120;
    public const int MaxExpiryDays = 3_660;
    public const int MaxBenefits = 20;
    public const int MaxScopeEntries = 100;
    public const int MaxCouponsPerBatch = 10_000;
    public const int MaxPunches = 1_000;
    public const int MaxCouponsPerPurchase = 10;
    public static readonly TimeSpan MaxPendingPeriod = TimeSpan.FromDays(365);
    public static readonly TimeSpan MaxHoldTtl = TimeSpan.FromDays(7);
    public static readonly TimeSpan MinHoldTtl = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxOfflineWindow = TimeSpan.FromDays(90);

    /// <summary>Longest return horizon: ten years (a warranty return is not a points return).</summary>
    public static readonly TimeSpan MaxReturnHorizon = TimeSpan.FromDays(3660);

    /// <summary>How far ahead of the server clock a terminal's clock may be.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);
}
