using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>The program's birthday bonus as each member applies it when it falls due (TestClock.Start is 2025-06-01 12:00 UTC).</summary>
public sealed class BirthdayBonusTests
{
    private static TestMember Member(BirthdayWindow? when, string timeZone = "UTC")
    {
        var settings = new ProgramBuilder().Build() with { TimeZone = timeZone };
        return TestMember.Enrolled(new ProgramRules
        {
            Settings = settings,
            BirthdayBonus = when is { } w ? new BirthdayBonus(500, w) : null,
        });
    }

    private static void TellBirthday(TestMember member, int month, int day) =>
        member.Apply(BirthdayBonuses.Change(member.State, member.Rules, month, day, member.Now));

    private static IReadOnlyList<BirthdayBonusAwarded> Awards(TestMember member) =>
        member.Journal.Select(j => j.Event).OfType<BirthdayBonusAwarded>().ToArray();

    [Fact]
    public void On_the_day_the_bonus_comes_at_local_midnight_once_and_again_the_next_year()
    {
        var member = Member(BirthdayWindow.Day);
        TellBirthday(member, 6, 10);

        member.Now = new DateTimeOffset(2025, 6, 9, 23, 59, 59, TimeSpan.Zero);
        var dayBefore = member.ApplyDue();
        member.Now = new DateTimeOffset(2025, 6, 10, 0, 0, 0, TimeSpan.Zero);
        var onTheDay = member.ApplyDue();
        member.Now = member.Now.AddHours(20);
        var laterThatDay = member.ApplyDue();

        Assert.Empty(dayBefore);
        var award = Assert.IsType<BirthdayBonusAwarded>(Assert.Single(onTheDay));
        Assert.Equal((2025, 500L), (award.Year, award.Points));
        Assert.Empty(laterThatDay);
        Assert.Equal((500L, 500L), (member.Balance.Available, member.Balance.LifetimeEarned));
        Assert.Equal(new DateTimeOffset(2026, 6, 10, 0, 0, 0, TimeSpan.Zero), member.State.NextDue(member.Rules));

        member.Now = new DateTimeOffset(2026, 6, 10, 8, 0, 0, TimeSpan.Zero);
        member.ApplyDue();

        Assert.Equal([2025, 2026], Awards(member).Select(a => a.Year));
        Assert.Equal(1000L, member.Balance.Available);
    }

    [Fact]
    public void The_day_is_the_program_time_zone_s_day()
    {
        // Tokyo is UTC+9: 10 June starts at 9 June 15:00 UTC.
        var member = Member(BirthdayWindow.Day, "Asia/Tokyo");
        TellBirthday(member, 6, 10);

        Assert.Equal(new DateTimeOffset(2025, 6, 9, 15, 0, 0, TimeSpan.Zero), member.State.NextDue(member.Rules));
        member.Now = new DateTimeOffset(2025, 6, 9, 14, 59, 59, TimeSpan.Zero);
        Assert.Empty(member.ApplyDue());
        member.Now = new DateTimeOffset(2025, 6, 9, 15, 0, 0, TimeSpan.Zero);
        Assert.Single(member.ApplyDue());
        // 10 June 23:59 UTC is already 11 June in Tokyo: a birthday told then waits for next year.
        var late = Member(BirthdayWindow.Day, "Asia/Tokyo");
        late.Now = new DateTimeOffset(2025, 6, 10, 15, 0, 0, TimeSpan.Zero);
        TellBirthday(late, 6, 10);
        Assert.Empty(late.ApplyDue());
        Assert.Equal(new DateTimeOffset(2026, 6, 9, 15, 0, 0, TimeSpan.Zero), late.State.NextDue(late.Rules));
    }

    [Fact]
    public void In_the_month_the_bonus_comes_at_once_and_a_changed_birthday_does_not_give_it_twice_a_year()
    {
        var member = Member(BirthdayWindow.Month);

        // 1 June: the birthday month has begun, so the bonus comes with the news.
        TellBirthday(member, 6, 20);
        var first = member.ApplyDue();
        TellBirthday(member, 6, 25);
        TellBirthday(member, 7, 4);
        member.Now = new DateTimeOffset(2025, 7, 15, 0, 0, 0, TimeSpan.Zero);
        var july = member.ApplyDue();

        Assert.Equal(2025, Assert.IsType<BirthdayBonusAwarded>(Assert.Single(first)).Year);
        Assert.Empty(july);
        Assert.Equal(new BirthdayStatus(7, 4, 2026), member.State.Birthday);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), member.State.NextDue(member.Rules));
    }

    [Fact]
    public void A_birthday_told_after_its_day_waits_for_next_year_and_telling_it_again_changes_nothing()
    {
        var member = Member(BirthdayWindow.Day);
        TellBirthday(member, 5, 3);

        Assert.Empty(member.ApplyDue());
        Assert.Empty(BirthdayBonuses.Change(member.State, member.Rules, 5, 3, member.Now));
        Assert.Equal(new DateTimeOffset(2026, 5, 3, 0, 0, 0, TimeSpan.Zero), member.State.NextDue(member.Rules));
    }

    [Fact]
    public void A_window_that_passed_before_the_bonus_was_on_gives_nothing_and_next_year_s_still_comes()
    {
        var member = Member(when: null);
        TellBirthday(member, 6, 10);
        member.Now = new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Empty(member.ApplyDue());

        member.Rules = member.Rules with { BirthdayBonus = new BirthdayBonus(500, BirthdayWindow.Day) };
        var missed = Assert.IsType<BirthdayBonusAwarded>(Assert.Single(member.ApplyDue()));

        Assert.Equal((2025, 0L), (missed.Year, missed.Points));
        Assert.Empty(LedgerEntry.From(99, missed));
        Assert.Equal(Balance.Zero, member.Balance);
        Assert.Equal(new DateTimeOffset(2026, 6, 10, 0, 0, 0, TimeSpan.Zero), member.State.NextDue(member.Rules));
    }

    [Fact]
    public void A_29_february_birthday_is_kept_on_the_28th_in_other_years()
    {
        var member = Member(BirthdayWindow.Day);
        TellBirthday(member, 2, 29);

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 0, 0, 0, TimeSpan.Zero), member.State.NextDue(member.Rules));
    }

    [Fact]
    public void The_bonus_is_a_statement_line_that_names_its_year_and_the_birthday_is_not()
    {
        var member = Member(BirthdayWindow.Month);
        TellBirthday(member, 6, 1);
        member.ApplyDue();

        var lines = member.Journal.SelectMany(j => LedgerEntry.From(j.Sequence, j.Event)).ToArray();

        var line = Assert.Single(lines);
        Assert.Equal((LedgerEntryType.Bonus, 500L, 500L, BirthdayBonusAwarded.Rule, "Birthday bonus 2025: 500 points"),
            (line.Type, line.Points, line.AvailableDelta, line.Rule, line.Description));
    }

    [Fact]
    public void Removing_the_birthday_stops_the_bonus()
    {
        var member = Member(BirthdayWindow.Day);
        TellBirthday(member, 6, 10);
        TellBirthday(member, 0, 0);
        member.Now = new DateTimeOffset(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);

        Assert.Empty(member.ApplyDue());
        Assert.Null(member.State.NextDue(member.Rules));
    }

    [Fact]
    public void A_member_not_enrolled_has_no_birthday()
    {
        var member = TestMember.NotEnrolled();

        var refused = Assert.Throws<LoyaltyException>(() => BirthdayBonuses.Change(member.State, member.Rules, 6, 10, member.Now));

        Assert.Equal(Refusal.NotFound("MEMBER_NOT_FOUND"), Refusal.Of(refused.Error));
    }
}
