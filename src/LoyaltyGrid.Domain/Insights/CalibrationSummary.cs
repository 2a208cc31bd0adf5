namespace LoyaltyGrid.Domain.Insights;

/// <summary>
/// The per-customer summaries of a calibration period, built from raw purchase rows: the input of
/// <see cref="BgNbdModel.Fit"/> and <see cref="GammaGammaModel.Fit"/>.
/// </summary>
/// <remarks>
/// Definitions follow the published CDNOW summaries (Fader, Hardie &amp; Lee 2005; the <c>lifetimes</c> library), which
/// this reproduces exactly: rows of one customer on one day are one occasion whose amount is their sum; the first
/// occasion is the customer's birth; occasions on the calibration end day count; frequency is the number of later
/// occasions, recency the days from the first to the last occasion and age the days from the first occasion to the
/// calibration end, both divided by the unit's length in days. Rows after the calibration end are ignored, and so are
/// customers whose first purchase is after it.
/// </remarks>
public sealed class CalibrationSummary
{
    private CalibrationSummary(DateOnly calibrationEnd, TimeSpan unit, IReadOnlyList<CustomerSummary> customers)
    {
        CalibrationEnd = calibrationEnd;
        Unit = unit;
        Customers = customers;
    }

    /// <summary>The last day of the calibration period (inclusive).</summary>
    public DateOnly CalibrationEnd { get; }

    /// <summary>The time unit of recency and age (seven days for weeks).</summary>
    public TimeSpan Unit { get; }

    /// <summary>One summary per customer born by the calibration end, ordered by customer id (ordinal).</summary>
    public IReadOnlyList<CustomerSummary> Customers { get; }

    /// <summary>Summarises <paramref name="purchases"/> up to and including <paramref name="calibrationEnd"/>.</summary>
    /// <param name="purchases">Purchase rows in any order; amounts in minor units.</param>
    /// <param name="calibrationEnd">The last day of the calibration period.</param>
    /// <param name="unit">The time unit of recency and age, a positive whole number of days (7 for weeks).</param>
    public static CalibrationSummary From(IEnumerable<CustomerPurchase> purchases, DateOnly calibrationEnd, TimeSpan unit)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        if (unit <= TimeSpan.Zero || unit.Ticks % TimeSpan.TicksPerDay != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "The time unit must be a positive whole number of days.");
        }

        var occasionsByCustomer = new Dictionary<string, SortedDictionary<DateOnly, long>>(StringComparer.Ordinal);
        foreach (var purchase in purchases)
        {
            if (purchase.Day > calibrationEnd)
            {
                continue;
            }

            if (!occasionsByCustomer.TryGetValue(purchase.CustomerId, out var occasions))
            {
                occasions = [];
                occasionsByCustomer.Add(purchase.CustomerId, occasions);
            }

            occasions[purchase.Day] = checked(occasions.GetValueOrDefault(purchase.Day) + purchase.AmountMinor);
        }

        var unitDays = unit.TotalDays;
        var customers = occasionsByCustomer
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => Summarise(pair.Key, pair.Value, calibrationEnd, unitDays))
            .ToList();
        return new CalibrationSummary(calibrationEnd, unit, customers);
    }

    private static CustomerSummary Summarise(string customerId, SortedDictionary<DateOnly, long> occasions, DateOnly calibrationEnd, double unitDays)
    {
        var first = occasions.Keys.First();
        var last = first;
        var frequency = -1;
        decimal repeatSpend = 0;
        foreach (var (day, amount) in occasions)
        {
            frequency++;
            last = day;
            if (frequency > 0)
            {
                repeatSpend += amount;
            }
        }

        var recency = (last.DayNumber - first.DayNumber) / unitDays;
        var age = (calibrationEnd.DayNumber - first.DayNumber) / unitDays;
        var meanRepeatSpend = frequency == 0 ? 0 : (double)(repeatSpend / frequency);
        return new CustomerSummary(customerId, frequency, recency, age, meanRepeatSpend);
    }
}
