using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>
/// Custom events (RecordEvent) under the program's event rules, and the once-per-member enrolment and consent bonuses.
/// TestClock.Start is Sunday 2025-06-01 12:00 UTC: the last day of an ISO week.
/// </summary>
public sealed class EventRuleTests
{
    private static readonly EventRule Review = new("review_written", "Review written", 50, EventCapPeriod.Week, 3, null, null, []);
    private static readonly EventRule AppInstalled = new("app_installed", "App installed", 200, EventCapPeriod.Once, 0, null, null, []);

    private static ProgramRules Rules(params EventRule[] rules) => Rules("UTC", rules);

    private static ProgramRules Rules(string timeZone, params EventRule[] rules) => new()
    {
        Settings = new ProgramBuilder().Build() with { TimeZone = timeZone },
        Tiers = [new TierDefinition("basic", "Basic", 0, 100, []), new TierDefinition("gold", "Gold", 1_000_000, 100, [])],
        EventRules = rules,
    };

    private static RecordEvent EventOf(TestMember member, string eventType, string? requestId = null) =>
        new(requestId ?? member.NextRequestId(), TestMember.ProgramId, member.MemberId, eventType, "ref-1", "key:k1 (till)");

    private static EventRecorded Record(TestMember member, string eventType) =>
        (EventRecorded)member.Handle(EventOf(member, eventType)).Result;

    [Fact]
    public void An_event_gives_its_rule_s_points_available_at_once_and_counted_as_earned()
    {
        var member = TestMember.Enrolled(Rules(Review));

        var recorded = Record(member, "review_written");

        Assert.Equal(("review_written", 50L, 1), (recorded.EventType, recorded.Points, recorded.CountInPeriod));
        Assert.Equal((50L, 50L), (member.Balance.Available, member.Balance.LifetimeEarned));
        Assert.Equal(member.Balance, recorded.BalanceAfter);
        var line = Assert.Single(LedgerEntry.From(member.State.Version, recorded));
        Assert.Equal((LedgerEntryType.Event, "event:review_written", 50L, recorded.EventId), (line.Type, line.Rule, line.Points, line.EventId));
    }

    [Fact]
    public void A_weekly_cap_refuses_the_fourth_in_a_calendar_week_changing_nothing_and_counts_again_from_monday()
    {
        // Thursday 29 May to Sunday 1 June 2025 are one ISO week.
        var member = TestMember.Enrolled(Rules(Review));
        member.Now = new DateTimeOffset(2025, 5, 29, 9, 0, 0, TimeSpan.Zero);
        Record(member, "review_written");
        Record(member, "review_written");
        member.Now = new DateTimeOffset(2025, 6, 1, 23, 59, 59, TimeSpan.Zero);
        Record(member, "review_written");

        Assert.Equal(Refusal.Precondition("EVENT_CAP_REACHED"), member.Refuses(EventOf(member, "review_written")));
        Assert.Equal(150L, member.Balance.Available);
        Assert.Equal(3, member.State.EventCounts["review_written"].Count);

        member.Now = new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero);
        var monday = Record(member, "review_written");

        Assert.Equal((1, new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 6, 9, 0, 0, 0, TimeSpan.Zero)),
            (monday.CountInPeriod, monday.PeriodStart, monday.PeriodEnd));
        Assert.Equal(200L, member.Balance.Available);
    }

    [Theory]
    [InlineData(EventCapPeriod.Day, "2025-06-01T00:00:00+00:00", "2025-06-02T00:00:00+00:00")]
    [InlineData(EventCapPeriod.Week, "2025-05-26T00:00:00+00:00", "2025-06-02T00:00:00+00:00")]
    [InlineData(EventCapPeriod.Month, "2025-06-01T00:00:00+00:00", "2025-07-01T00:00:00+00:00")]
    public void Cap_periods_are_calendar_periods(EventCapPeriod period, string start, string end)
    {
        var (from, until) = CustomEvents.PeriodOf(period, TestClock.Start, "UTC");

        Assert.Equal((DateTimeOffset.Parse(start), DateTimeOffset.Parse(end)), (from!.Value, until!.Value));
    }

    [Fact]
    public void A_daily_cap_counts_the_program_time_zone_s_day()
    {
        // Tokyo is UTC+9: 1 June 15:00 UTC is already 2 June there, a new day.
        var daily = Review with { Period = EventCapPeriod.Day, Cap = 1 };
        var member = TestMember.Enrolled(Rules("Asia/Tokyo", daily));
        member.Now = new DateTimeOffset(2025, 6, 1, 14, 59, 0, TimeSpan.Zero);
        Record(member, "review_written");
        Assert.Equal(Refusal.Precondition("EVENT_CAP_REACHED"), member.Refuses(EventOf(member, "review_written")));

        member.Now = new DateTimeOffset(2025, 6, 1, 15, 0, 0, TimeSpan.Zero);
        Assert.Equal(1, Record(member, "review_written").CountInPeriod);
    }

    [Fact]
    public void A_once_only_event_gives_points_once_per_member_ever()
    {
        var member = TestMember.Enrolled(Rules(AppInstalled));
        var first = Record(member, "app_installed");
        member.Now = member.Now.AddYears(2);

        Assert.Equal((200L, null, null), (first.Points, first.PeriodStart, first.PeriodEnd));
        Assert.Equal(Refusal.Precondition("EVENT_CAP_REACHED"), member.Refuses(EventOf(member, "app_installed")));
        Assert.Equal(200L, member.Balance.Available);
    }

    [Fact]
    public void Only_counts_of_current_periods_are_kept()
    {
        var member = TestMember.Enrolled(Rules(Review, AppInstalled, Review with { EventType = "store_checkin", Period = EventCapPeriod.Day }));
        for (var day = 0; day < 30; day++)
        {
            member.Now = TestClock.Start.AddDays(day);
            Record(member, "store_checkin");
        }
        Record(member, "app_installed");
        member.Now = member.Now.AddDays(8);
        Record(member, "review_written");

        // The last check-in's day and week have passed: only the review's week and the once-only flag are left.
        Assert.Equal(["app_installed", "review_written"], member.State.EventCounts.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Outside_its_window_or_once_ended_a_rule_gives_nothing()
    {
        var windowed = Review with { StartsAt = TestClock.Start.AddDays(1), EndsAt = TestClock.Start.AddDays(2) };
        var member = TestMember.Enrolled(Rules(windowed));

        Assert.Equal(Refusal.Precondition("EVENT_RULE_NOT_ACTIVE"), member.Refuses(EventOf(member, "review_written")));
        member.Now = TestClock.Start.AddDays(1);
        Record(member, "review_written");
        member.Now = TestClock.Start.AddDays(2);
        Assert.Equal(Refusal.Precondition("EVENT_RULE_NOT_ACTIVE"), member.Refuses(EventOf(member, "review_written")));

        var ended = TestMember.Enrolled(Rules(Review with { EndedAt = TestClock.Start.AddMinutes(-1) }));
        Assert.Equal(Refusal.Precondition("EVENT_RULE_NOT_ACTIVE"), ended.Refuses(EventOf(ended, "review_written")));
        Assert.Equal(50L, member.Balance.Available);
    }

    [Fact]
    public void A_rule_for_some_tiers_gives_points_to_their_members_only()
    {
        // Joining puts the member in the 0-threshold tier "basic".
        var forBasic = TestMember.Enrolled(Rules(Review with { TierIds = ["basic"] }));
        var forGold = TestMember.Enrolled(Rules(Review with { TierIds = ["gold"] }));

        Assert.Equal(50L, Record(forBasic, "review_written").Points);
        Assert.Equal(Refusal.Precondition("EVENT_RULE_NOT_FOR_TIER"), forGold.Refuses(EventOf(forGold, "review_written")));
    }

    [Fact]
    public void An_unknown_event_type_is_not_found_and_a_bad_one_invalid()
    {
        var member = TestMember.Enrolled(Rules(Review));

        Assert.Equal(Refusal.NotFound("EVENT_RULE_NOT_FOUND"), member.Refuses(EventOf(member, "newsletter_signup")));
        Assert.Equal(Refusal.Invalid("event_type"), member.Refuses(EventOf(member, "no spaces")));
        Assert.Equal(Refusal.Invalid("request_id", "event_type"),
            member.Refuses(new RecordEvent("", TestMember.ProgramId, member.MemberId, "", null, "key:k1")));
    }

    [Fact]
    public void A_retry_answers_the_same_and_counts_once_and_another_request_under_its_id_is_refused()
    {
        var member = TestMember.Enrolled(Rules(Review));
        var first = (EventRecorded)member.Handle(EventOf(member, "review_written", "evt-req-1")).Result;

        var retry = member.Handle(EventOf(member, "review_written", "evt-req-1"));

        Assert.True(retry.IsReplay);
        Assert.Equal(first, retry.Result);
        Assert.Equal((50L, 1), (member.Balance.Available, member.State.EventCounts["review_written"].Count));
        Assert.Equal(Refusal.AlreadyExists("REQUEST_ID_REUSED"),
            member.Refuses(EventOf(member, "review_written", "evt-req-1") with { Reference = "other review" }));
    }

    [Fact]
    public void The_enrolment_bonus_comes_with_the_enrolment_once()
    {
        var rules = Rules() with { EngagementBonuses = new EngagementBonuses(300, 0) };
        var member = TestMember.NotEnrolled(rules.Settings);
        member.Rules = rules;
        var enrolment = member.Enrolment(requestId: "enrol-1");

        var decision = member.Handle(enrolment);
        var retry = member.Handle(enrolment);

        var bonus = Assert.Single(decision.NewEvents.OfType<EnrolmentBonusAwarded>());
        Assert.Equal((300L, "enrol-1", (string?)null), (bonus.Points, bonus.RequestId, bonus.Fingerprint));
        Assert.Equal(300L, decision.Result.BalanceAfter.Available);
        Assert.True(retry.IsReplay);
        Assert.Equal(300L, retry.Result.BalanceAfter.Available);
        Assert.Equal((300L, 300L), (member.Balance.Available, member.Balance.LifetimeEarned));
        Assert.Equal(Refusal.AlreadyExists("MEMBER_ALREADY_ENROLLED"), member.Refuses(member.Enrolment(requestId: "enrol-2")));
        var line = Assert.Single(LedgerEntry.From(2, bonus));
        Assert.Equal((LedgerEntryType.Bonus, "enrolment-bonus", 300L), (line.Type, line.Rule, line.Points));
    }

    [Fact]
    public void Without_an_enrolment_bonus_joining_gives_no_points()
    {
        var member = TestMember.Enrolled(Rules());

        Assert.DoesNotContain(member.Journal, j => j.Event is EnrolmentBonusAwarded);
        Assert.Equal(0L, member.Balance.Available);
    }

    [Fact]
    public void The_consent_bonus_is_given_once_per_member_never_again_on_re_consent()
    {
        var member = TestMember.Enrolled(Rules() with { EngagementBonuses = new EngagementBonuses(0, 75) });

        var first = CustomEvents.ConsentBonus(member.State, member.Rules, "consent-1", member.Now);
        member.Apply([first!]);
        var again = CustomEvents.ConsentBonus(member.State, member.Rules, "consent-2", member.Now.AddDays(30));

        Assert.Equal((75L, "consent-1"), (first!.Points, first.RequestId));
        Assert.Equal(member.Balance, first.BalanceAfter);
        Assert.Null(again);
        Assert.True(member.State.ConsentBonusGiven);
        Assert.Equal((75L, 75L), (member.Balance.Available, member.Balance.LifetimeEarned));
    }

    [Fact]
    public void No_consent_bonus_while_the_program_has_none()
    {
        var member = TestMember.Enrolled(Rules());

        Assert.Null(CustomEvents.ConsentBonus(member.State, member.Rules, "consent-1", member.Now));
        Assert.False(member.State.ConsentBonusGiven);
    }
}
