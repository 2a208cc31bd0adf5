namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// How a purchase line earns base points. The rate is the program's points per currency unit, replaced by
/// the most specific <see cref="LocationRates"/> entry (store, then merchant); a line's rate is then scaled by
/// its SKU multiplier, else its category multiplier (percent, 100 = as is). Lines of an excluded category earn
/// nothing and do not count towards spend. A basket whose qualifying spend is below
/// <see cref="MinQualifyingSpendMinor"/> earns no points at all.
/// </summary>
public sealed record EarningRules
{
    public static readonly EarningRules Default = new();

    public IReadOnlyDictionary<string, long> CategoryMultiplierPercents { get; init; } = new Dictionary<string, long>();

    public IReadOnlyDictionary<string, long> SkuMultiplierPercents { get; init; } = new Dictionary<string, long>();

    public IReadOnlyList<string> ExcludedCategories { get; init; } = [];

    public IReadOnlyList<LocationRate> LocationRates { get; init; } = [];

    public long MinQualifyingSpendMinor { get; init; }

    /// <summary>How long a purchase's points stay pending (the return window); zero makes them available at once.</summary>
    public TimeSpan PendingPeriod { get; init; } = TimeSpan.Zero;

    public CouponReturnPolicy CouponReturn { get; init; } = CouponReturnPolicy.RestoreOnFullReturn;

    public bool IsExcluded(string? category) => category is { Length: > 0 } && ExcludedCategories.Contains(category);

    public long RateAt(long baseRate, string merchantId, string storeId)
    {
        long? merchantRate = null;
        foreach (var rate in LocationRates)
        {
            if (rate.MerchantId != merchantId)
            {
                continue;
            }
            if (rate.StoreId is null)
            {
                merchantRate = rate.PointsPerCurrencyUnit;
            }
            else if (rate.StoreId == storeId)
            {
                return rate.PointsPerCurrencyUnit;
            }
        }
        return merchantRate ?? baseRate;
    }

    public long MultiplierPercent(string sku, string? category) =>
        SkuMultiplierPercents.TryGetValue(sku, out var bySku) ? bySku
        : category is not null && CategoryMultiplierPercents.TryGetValue(category, out var byCategory) ? byCategory
        : 100;
}
