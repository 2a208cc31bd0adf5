namespace LoyaltyGrid.Domain.Insights;

/// <summary>
/// What the "buy till you die" models need to know about one customer over a calibration period, in a chosen time
/// unit (weeks for the published CDNOW results): the customer's birth is the first purchase, which is not counted.
/// </summary>
public sealed record CustomerSummary
{
    /// <param name="customerId">The customer the summary describes.</param>
    /// <param name="frequency">x: the number of repeat purchase occasions (days with a purchase after the first).</param>
    /// <param name="recency">t_x: time from the first to the last purchase occasion; 0 when <paramref name="frequency"/> is 0.</param>
    /// <param name="age">T: time from the first purchase to the end of the calibration period; at least <paramref name="recency"/>.</param>
    /// <param name="meanRepeatSpendMinor">
    /// zbar: the mean amount of the repeat purchase occasions, in minor units (an estimate, so a double); 0 when
    /// <paramref name="frequency"/> is 0. The first purchase is not part of it, as in the Gamma-Gamma model.
    /// </param>
    public CustomerSummary(string customerId, int frequency, double recency, double age, double meanRepeatSpendMinor = 0)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentOutOfRangeException.ThrowIfNegative(frequency);
        if (!double.IsFinite(recency) || recency < 0 || (frequency == 0 && recency != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(recency), recency, "Recency must be finite, non-negative, and 0 without repeat purchases.");
        }

        if (!double.IsFinite(age) || age < recency)
        {
            throw new ArgumentOutOfRangeException(nameof(age), age, "Age must be finite and at least the recency.");
        }

        if (!double.IsFinite(meanRepeatSpendMinor))
        {
            throw new ArgumentOutOfRangeException(nameof(meanRepeatSpendMinor), meanRepeatSpendMinor, "Mean repeat spend must be finite.");
        }

        CustomerId = customerId;
        Frequency = frequency;
        Recency = recency;
        Age = age;
        MeanRepeatSpendMinor = meanRepeatSpendMinor;
    }

    /// <summary>The customer the summary describes.</summary>
    public string CustomerId { get; }

    /// <summary>x: repeat purchase occasions in the calibration period.</summary>
    public int Frequency { get; }

    /// <summary>t_x: time from the first to the last purchase occasion, in the summary's time unit.</summary>
    public double Recency { get; }

    /// <summary>T: time from the first purchase to the end of the calibration period, in the summary's time unit.</summary>
    public double Age { get; }

    /// <summary>zbar: mean amount of the repeat purchase occasions, in minor units; an estimate.</summary>
    public double MeanRepeatSpendMinor { get; }
}
