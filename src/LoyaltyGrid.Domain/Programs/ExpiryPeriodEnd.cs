namespace LoyaltyGrid.Domain.Programs;

/// <summary>Rounds an expiry up to the end of the calendar period (in the program's time zone) that contains it.</summary>
public enum ExpiryPeriodEnd
{
    /// <summary>No rounding: the expiry is the lot's age (or the end of that day, with <see cref="ExpiryPolicy.AtEndOfDay"/>).</summary>
    None,

    /// <summary>The end of the calendar month.</summary>
    Month,

    /// <summary>The end of the calendar quarter (March, June, September, December).</summary>
    Quarter,

    /// <summary>The end of the calendar year.</summary>
    Year,
}
