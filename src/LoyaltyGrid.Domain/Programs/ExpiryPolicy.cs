using System.Text.Json.Serialization;

namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// When available points expire: <see cref="Months"/> (calendar months) or <see cref="Days"/> after a lot was earned
/// (FIFO lots) or after the last activity (inactivity). Without <see cref="PeriodEnd"/> or <see cref="AtEndOfDay"/>
/// that is the same instant N months or days later, counted in UTC, as it always was. With either, the date is counted
/// in the program's time zone and the points expire at the end of that local day (the next local midnight), or of the
/// month, quarter or year containing it: a period end is always an end of day.
/// </summary>
/// <remarks>
/// The new options are left out of the stored JSON while at their defaults, so a policy set before them is stored,
/// read and fingerprinted exactly as before.
/// </remarks>
public sealed record ExpiryPolicy(ExpiryKind Kind, int Months)
{
    public static readonly ExpiryPolicy Never = new(ExpiryKind.Never, 0);

    /// <summary>Days instead of months (1-3660); 0: months.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Days { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ExpiryPeriodEnd PeriodEnd { get; init; }

    /// <summary>Expire at the end of the local day the points reach their age, not at the instant they do.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool AtEndOfDay { get; init; }

    /// <summary>When points earned (or last active) at <paramref name="from"/> expire under this policy.</summary>
    public DateTimeOffset DueAfter(DateTimeOffset from, string timeZone)
    {
        if (PeriodEnd == ExpiryPeriodEnd.None && !AtEndOfDay)
        {
            return Days > 0 ? from.AddDays(Days) : from.AddMonths(Months);
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var earnedOn = TimeZoneInfo.ConvertTime(from, zone).Date;
        // Calendar arithmetic on the local date: Jan 31 + 1 month is Feb 28 (29 in a leap year), as DateTime.AddMonths.
        var day = Days > 0 ? earnedOn.AddDays(Days) : earnedOn.AddMonths(Months);
        var next = PeriodEnd switch
        {
            ExpiryPeriodEnd.Month => new DateTime(day.Year, day.Month, 1).AddMonths(1),
            ExpiryPeriodEnd.Quarter => new DateTime(day.Year, (day.Month - 1) / 3 * 3 + 1, 1).AddMonths(3),
            ExpiryPeriodEnd.Year => new DateTime(day.Year + 1, 1, 1),
            _ => day.AddDays(1),
        };
        return LocalMidnight(next, zone);
    }

    /// <summary>The instant a local day starts; where midnight is skipped (a DST change at 00:00) the first minute that exists.</summary>
    private static DateTimeOffset LocalMidnight(DateTime date, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(date, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
