using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>
/// Expiry counted in days, rounded up to the end of a month, quarter or year, or to the end of the local day, in the
/// program's time zone. Dates below are worked by hand; "Z" instants are UTC.
/// </summary>
public sealed class ExpiryOptionsTests
{
    private static readonly DateTimeOffset Start = TestClock.Start; // 2025-06-01 12:00Z

    private static DateTimeOffset Utc(string at) => DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);

    private static ExpiryPolicy Fifo(int months = 0, int days = 0, ExpiryPeriodEnd periodEnd = ExpiryPeriodEnd.None, bool atEndOfDay = false) =>
        new(ExpiryKind.FifoLots, months) { Days = days, PeriodEnd = periodEnd, AtEndOfDay = atEndOfDay };

    private static RulesBuilder Program(ExpiryPolicy policy, string timeZone = "UTC")
    {
        var program = new RulesBuilder(timeZone: timeZone);
        program.Do(new SetExpiryPolicy(program.NextRequestId(), RulesBuilder.ProgramId, RulesBuilder.Admin, policy));
        return program;
    }

    [Theory]
    // Days alone: that many days later to the instant, like months alone.
    [InlineData("2026-01-31T10:00Z", 0, 30, ExpiryPeriodEnd.None, false, "UTC", "2026-03-02T10:00Z")]
    [InlineData("2028-02-28T10:00Z", 0, 1, ExpiryPeriodEnd.None, false, "UTC", "2028-02-29T10:00Z")]
    // End of month: Jan 31 + 1 month is Feb 28 (Feb 29 in 2028), so the end of February.
    [InlineData("2026-01-31T10:00Z", 1, 0, ExpiryPeriodEnd.Month, false, "UTC", "2026-03-01T00:00Z")]
    [InlineData("2028-01-31T10:00Z", 1, 0, ExpiryPeriodEnd.Month, false, "UTC", "2028-03-01T00:00Z")]
    [InlineData("2026-02-01T00:00Z", 1, 0, ExpiryPeriodEnd.Month, false, "UTC", "2026-04-01T00:00Z")]
    // Feb 29 + 12 months is Feb 28: end of that day; end of that year.
    [InlineData("2028-02-29T10:00Z", 12, 0, ExpiryPeriodEnd.None, true, "UTC", "2029-03-01T00:00Z")]
    [InlineData("2028-02-29T10:00Z", 12, 0, ExpiryPeriodEnd.Year, false, "UTC", "2030-01-01T00:00Z")]
    [InlineData("2028-02-28T10:00Z", 0, 1, ExpiryPeriodEnd.None, true, "UTC", "2028-03-01T00:00Z")]  // Feb 29 ends
    [InlineData("2027-02-28T10:00Z", 0, 1, ExpiryPeriodEnd.None, true, "UTC", "2027-03-02T00:00Z")]  // Mar 1 ends
    // Quarter boundaries: Dec 31 + 3 months = Mar 31 (Q1); Jan 1 + 3 months = Apr 1 (Q2); Nov 30 + 1 month = Dec 30 (Q4).
    [InlineData("2025-12-31T23:00Z", 3, 0, ExpiryPeriodEnd.Quarter, false, "UTC", "2026-04-01T00:00Z")]
    [InlineData("2026-01-01T00:00Z", 3, 0, ExpiryPeriodEnd.Quarter, false, "UTC", "2026-07-01T00:00Z")]
    [InlineData("2026-11-30T12:00Z", 1, 0, ExpiryPeriodEnd.Quarter, false, "UTC", "2027-01-01T00:00Z")]
    [InlineData("2026-06-15T12:00Z", 0, 90, ExpiryPeriodEnd.Quarter, false, "UTC", "2026-10-01T00:00Z")] // Sep 13
    // Year: Jun 15 + 6 months = Dec 15; Jul 1 + 6 months = Jan 1 of the next year.
    [InlineData("2026-06-15T12:00Z", 6, 0, ExpiryPeriodEnd.Year, false, "UTC", "2027-01-01T00:00Z")]
    [InlineData("2026-07-01T00:00Z", 6, 0, ExpiryPeriodEnd.Year, false, "UTC", "2028-01-01T00:00Z")]
    // Berlin, DST starts 2026-03-29 (a 23-hour day: 28 Mar 23:00Z to 29 Mar 22:00Z). Earned 28 Mar 13:00 local + 1 day:
    // the end of 29 Mar is 30 Mar 00:00 CEST.
    [InlineData("2026-03-28T12:00Z", 0, 1, ExpiryPeriodEnd.None, true, "Europe/Berlin", "2026-03-29T22:00Z")]
    // 28 Mar 23:30Z is already 29 Mar 00:30 in Berlin: + 1 day = 30 Mar, which ends 31 Mar 00:00 CEST.
    [InlineData("2026-03-28T23:30Z", 0, 1, ExpiryPeriodEnd.None, true, "Europe/Berlin", "2026-03-30T22:00Z")]
    // DST ends 2026-10-25: Sep 10 + 1 month = Oct 10, the end of October is 1 Nov 00:00 CET.
    [InlineData("2026-09-10T12:00Z", 1, 0, ExpiryPeriodEnd.Month, false, "Europe/Berlin", "2026-10-31T23:00Z")]
    [InlineData("2026-12-31T23:30Z", 0, 10, ExpiryPeriodEnd.None, true, "Europe/Berlin", "2027-01-11T23:00Z")] // Jan 1 local + 10
    // Tokyo (UTC+9): 31 Jan 16:00Z is 1 Feb 01:00 local, so + 1 month is 1 Mar local, not Feb 28.
    [InlineData("2026-01-31T16:00Z", 1, 0, ExpiryPeriodEnd.None, true, "Asia/Tokyo", "2026-03-01T15:00Z")]
    [InlineData("2026-01-31T16:00Z", 1, 0, ExpiryPeriodEnd.Month, false, "Asia/Tokyo", "2026-03-31T15:00Z")]
    // 31 Mar 15:30Z is 1 Apr local: + 3 months = 1 Jul, Q3 ends 1 Oct 00:00 JST (in UTC it would be Q2).
    [InlineData("2026-03-31T15:30Z", 3, 0, ExpiryPeriodEnd.Quarter, false, "Asia/Tokyo", "2026-09-30T15:00Z")]
    // A period end is an end of day anyway: the flag changes nothing.
    [InlineData("2026-03-31T15:30Z", 3, 0, ExpiryPeriodEnd.Quarter, true, "Asia/Tokyo", "2026-09-30T15:00Z")]
    public void A_lot_expires_at_the_hand_worked_instant(string earned, int months, int days, ExpiryPeriodEnd periodEnd, bool atEndOfDay,
        string timeZone, string expected)
    {
        Assert.Equal(Utc(expected), Fifo(months, days, periodEnd, atEndOfDay).DueAfter(Utc(earned), timeZone));
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Berlin")]
    [InlineData("Asia/Tokyo")]
    public void A_policy_without_the_options_is_months_to_the_instant_in_any_time_zone(string timeZone)
    {
        foreach (var earned in new[] { Utc("2026-01-31T23:30Z"), Utc("2028-02-29T10:00Z"), Utc("2026-03-28T23:30Z") })
        {
            Assert.Equal(earned.AddMonths(12), new ExpiryPolicy(ExpiryKind.FifoLots, 12).DueAfter(earned, timeZone));
            Assert.Equal(earned.AddMonths(3), new ExpiryPolicy(ExpiryKind.Inactivity, 3).DueAfter(earned, timeZone));
        }
    }

    [Fact]
    public void An_old_policy_in_a_berlin_program_expires_its_lot_to_the_instant_as_before()
    {
        var member = TestMember.Enrolled(Program(new ExpiryPolicy(ExpiryKind.FifoLots, 12), "Europe/Berlin").Rules);
        member.Buy(new Basket().Line("a", 1, 1000));

        Assert.Empty(member.At(Start.AddMonths(12).AddTicks(-1)).OfType<PointsExpired>());
        var expired = Assert.Single(member.At(Start.AddMonths(12)).OfType<PointsExpired>());
        Assert.Equal((100L, Start.AddMonths(12)), (expired.Points, expired.OccurredAt));
    }

    [Fact]
    public void A_lot_under_a_days_policy_expires_that_many_days_after_it_was_earned()
    {
        var member = TestMember.Enrolled(Program(Fifo(days: 10)).Rules);
        var purchase = member.Buy(new Basket().Line("a", 1, 1000));

        Assert.Equal(Start.AddDays(10), member.State.NextDue(member.Rules));
        Assert.Empty(member.At(Start.AddDays(10).AddTicks(-1)).OfType<PointsExpired>());
        var expired = Assert.Single(member.At(Start.AddDays(10)).OfType<PointsExpired>());
        Assert.Equal((100L, Start.AddDays(10), purchase.TransactionId), (expired.Points, expired.OccurredAt, expired.LotIds.Single()));
    }

    /// <summary>Earned 1 Jun 2025 14:00 in Berlin; + 1 month = 1 Jul; the end of July is 1 Aug 00:00 CEST = 31 Jul 22:00Z.</summary>
    [Fact]
    public void A_lot_rounded_to_the_end_of_the_month_is_shown_woken_and_expired_at_local_midnight()
    {
        var member = TestMember.Enrolled(Program(Fifo(months: 1, periodEnd: ExpiryPeriodEnd.Month), "Europe/Berlin").Rules);
        member.Buy(new Basket().Line("a", 1, 1000));
        var due = Utc("2025-07-31T22:00Z");

        Assert.Equal(due, member.State.NextDue(member.Rules));
        member.At(Utc("2025-07-15T00:00Z"));
        Assert.Equal([new ExpiringPoints(100, due)], MemberOverview.ExpiringSoon(member.State, member.Rules, member.Now));
        Assert.Empty(member.At(due.AddTicks(-1)).OfType<PointsExpired>());
        var expired = Assert.Single(member.At(due).OfType<PointsExpired>());
        Assert.Equal((100L, due), (expired.Points, expired.OccurredAt));
        Assert.Equal(0, member.Balance.Available);
    }

    [Fact]
    public void Lots_rounded_to_the_same_quarter_end_expire_together_oldest_first()
    {
        var member = TestMember.Enrolled(Program(Fifo(months: 1, periodEnd: ExpiryPeriodEnd.Quarter)).Rules);
        var first = member.Buy(new Basket().Line("a", 1, 1000));      // 1 Jun + 1 month = 1 Jul: Q3
        member.At(Utc("2025-08-20T09:00Z"));
        var second = member.Buy(new Basket().Line("b", 1, 500));      // 20 Aug + 1 month = 20 Sep: Q3
        member.At(Utc("2025-09-01T00:00Z"));
        var third = member.Buy(new Basket().Line("c", 1, 300));       // 1 Sep + 1 month = 1 Oct: Q4

        var expired = member.At(Utc("2025-10-01T00:00Z")).OfType<PointsExpired>().ToArray();

        Assert.Equal([first.TransactionId, second.TransactionId], expired.SelectMany(x => x.LotIds));
        Assert.All(expired, x => Assert.Equal(Utc("2025-10-01T00:00Z"), x.OccurredAt));
        Assert.Equal(30, member.Balance.Available);
        Assert.Equal(Utc("2026-01-01T00:00Z"), member.State.NextDue(member.Rules));
        Assert.NotNull(third);
    }

    [Fact]
    public void Inactivity_counted_in_days_lapses_at_the_end_of_the_local_day()
    {
        var policy = new ExpiryPolicy(ExpiryKind.Inactivity, 0) { Days = 30, AtEndOfDay = true };
        var member = TestMember.Enrolled(Program(policy, "Asia/Tokyo").Rules);
        member.Buy(new Basket().Line("a", 1, 1000));                  // 1 Jun 21:00 JST; + 30 days = 1 Jul, ends 2 Jul 00:00 JST
        var due = Utc("2025-07-01T15:00Z");

        Assert.Empty(member.At(due.AddTicks(-1)).OfType<PointsExpired>());
        var expired = Assert.Single(member.At(due).OfType<PointsExpired>());
        Assert.Equal((100L, ExpiryKind.Inactivity, due), (expired.Points, expired.Policy, expired.OccurredAt));
    }

    /// <summary>
    /// A lot has no expiry date of its own (only credit adjustments do): the program's current policy dates it, as a
    /// change of `months` always has, so a new policy also applies to lots earned before it.
    /// </summary>
    [Fact]
    public void A_changed_policy_dates_lots_earned_before_it_like_a_change_of_months()
    {
        var program = Program(new ExpiryPolicy(ExpiryKind.FifoLots, 24));
        var member = TestMember.Enrolled(program.Rules);
        member.Buy(new Basket().Line("a", 1, 1000));
        program.Do(new SetExpiryPolicy(program.NextRequestId(), RulesBuilder.ProgramId, RulesBuilder.Admin, Fifo(days: 10, atEndOfDay: true)));
        member.Rules = program.Rules;

        Assert.Equal(Utc("2025-06-12T00:00Z"), member.State.NextDue(member.Rules));
    }

    public static TheoryData<ExpiryPolicy, string[]> Invalid() => new()
    {
        { Fifo(months: 12, days: 30), ["days"] },
        { Fifo(days: 3661), ["days"] },
        { Fifo(days: -1), ["days"] },
        { Fifo(), ["months"] },
        { Fifo(months: 121), ["months"] },
        { Fifo(months: 12, periodEnd: (ExpiryPeriodEnd)9), ["period_end"] },
        { new ExpiryPolicy(ExpiryKind.Inactivity, 0) { Days = 5000, PeriodEnd = (ExpiryPeriodEnd)(-1) }, ["days", "period_end"] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_option_is_refused_with_its_field_violations(ExpiryPolicy policy, string[] fields)
    {
        var program = new RulesBuilder();

        Assert.Equal(Refusal.Invalid(fields), program.Refuses(new SetExpiryPolicy(program.NextRequestId(), RulesBuilder.ProgramId, RulesBuilder.Admin, policy)));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 3660)]
    [InlineData(1, 0)]
    public void Days_or_months_at_their_bounds_are_accepted(int months, int days)
    {
        var program = Program(Fifo(months, days, ExpiryPeriodEnd.Year, atEndOfDay: true));

        Assert.Equal(Fifo(months, days, ExpiryPeriodEnd.Year, atEndOfDay: true), program.Rules.Expiry);
    }
}
