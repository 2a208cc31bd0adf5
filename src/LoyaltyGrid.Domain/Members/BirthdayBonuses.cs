using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The program's birthday bonus for one member: once per local year, on the day or in the month of the birthday in
/// the program's time zone. Decided like everything that falls due (<see cref="MemberAccount.Due"/>): the member
/// is woken at the window's start (<see cref="MemberState.NextDue"/>), and the award names its year, so replays and
/// retries never give it twice.
/// </summary>
public static class BirthdayBonuses
{
    /// <summary>
    /// The events that give the member the birthday <paramref name="month"/>/<paramref name="day"/> (0/0: none known),
    /// or none if it already has it. MEMBER_NOT_FOUND for a member not enrolled.
    /// </summary>
    public static IReadOnlyList<MemberEvent> Change(MemberState state, ProgramRules rules, int month, int day, DateTimeOffset now)
    {
        if (state.Profile is null)
        {
            throw new LoyaltyException(LoyaltyError.NotFound("MEMBER_NOT_FOUND", "the member is not enrolled in the program"));
        }
        if (month != 0 && (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2000, month)))
        {
            throw new ArgumentOutOfRangeException(nameof(day), $"{month}/{day} is not a day of the year.");
        }
        var known = state.Birthday;
        if (known is not null && known.Month == month && known.Day == day)
        {
            return [];
        }
        // A birthday whose window this year is over (or is being left now) first counts next year; one already given
        // this year keeps the next year.
        var next = month == 0 ? LocalYear(rules, now) : FirstOpenYear(rules, month, day, now);
        if (known is not null && known.NextYear > next)
        {
            next = known.NextYear;
        }
        return [new BirthdayChanged(month, day, next) { OccurredAt = now, RecordedAt = now, BalanceAfter = state.Balance }];
    }

    /// <summary>The bonus due at <paramref name="now"/>, or null. The caller stamps the balance (<see cref="MemberAccount.Due"/>).</summary>
    public static MemberEvent? Due(MemberState state, ProgramRules rules, DateTimeOffset now)
    {
        if (rules.BirthdayBonus is not { Points: > 0 } bonus || state.Birthday is not { Known: true } birthday)
        {
            return null;
        }
        var (start, end) = Window(rules, birthday.Month, birthday.Day, birthday.NextYear);
        if (now < start)
        {
            return null;
        }
        var year = birthday.NextYear;
        if (now >= end)
        {
            // That window passed unseen: the first window not over yet is this year's or next year's.
            year = FirstOpenYear(rules, birthday.Month, birthday.Day, now);
            (start, _) = Window(rules, birthday.Month, birthday.Day, year);
            if (now < start)
            {
                return new BirthdayBonusAwarded(year - 1, 0) { OccurredAt = now, RecordedAt = now };
            }
        }
        var points = state.Balance.LifetimeEarned + bonus.Points > Limits.MaxLifetimePoints ? 0 : bonus.Points;
        return new BirthdayBonusAwarded(year, points) { OccurredAt = now, RecordedAt = now };
    }

    /// <summary>When the next bonus falls due (its window's start; past if it is due now), or null.</summary>
    public static DateTimeOffset? NextDue(MemberState state, ProgramRules rules) =>
        rules.BirthdayBonus is { Points: > 0 } && state.Birthday is { Known: true } b ? Window(rules, b.Month, b.Day, b.NextYear).Start : null;

    /// <summary>The bonus window of <paramref name="year"/> in UTC: [start, end) of the local day or month.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Window(ProgramRules rules, int month, int day, int year)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(rules.Settings.TimeZone);
        if (rules.BirthdayBonus?.When == BirthdayWindow.Month)
        {
            var first = new DateTime(year, month, 1);
            return (LocalMidnight(first, zone), LocalMidnight(first.AddMonths(1), zone));
        }
        // 29 February is celebrated on the 28th in other years.
        var date = new DateTime(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)));
        return (LocalMidnight(date, zone), LocalMidnight(date.AddDays(1), zone));
    }

    private static int FirstOpenYear(ProgramRules rules, int month, int day, DateTimeOffset now)
    {
        var year = LocalYear(rules, now);
        return now < Window(rules, month, day, year).End ? year : year + 1;
    }

    private static int LocalYear(ProgramRules rules, DateTimeOffset now) =>
        TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(rules.Settings.TimeZone)).Year;

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
