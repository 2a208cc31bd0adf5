using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The rules of custom events (<see cref="RecordEvent"/>) and of the once-per-member engagement bonuses. Caps count in
/// calendar periods of the program's time zone (<see cref="EventCapPeriod"/>): 3 per week is at most 3 from Monday
/// 00:00 to the next Monday 00:00 local time, however close together. A member keeps one count per rule, for the
/// current period only, so its state does not grow with the events it records.
/// </summary>
public static class CustomEvents
{
    /// <summary>The cap period of <paramref name="period"/> that contains <paramref name="at"/>, in UTC; (null, null) for once-only.</summary>
    public static (DateTimeOffset? Start, DateTimeOffset? End) PeriodOf(EventCapPeriod period, DateTimeOffset at, string timeZone)
    {
        if (period == EventCapPeriod.Once)
        {
            return (null, null);
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var day = TimeZoneInfo.ConvertTime(at, zone).Date;
        var (start, end) = period switch
        {
            EventCapPeriod.Day => (day, day.AddDays(1)),
            // ISO weeks: Monday is the first day.
            EventCapPeriod.Week => (day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), day.AddDays(7 - (((int)day.DayOfWeek + 6) % 7))),
            EventCapPeriod.Month => (new DateTime(day.Year, day.Month, 1), new DateTime(day.Year, day.Month, 1).AddMonths(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, null),
        };
        return (LocalStart(start, zone), LocalStart(end, zone));
    }

    /// <summary>How many awards of <paramref name="rule"/> the member has had in the period containing <paramref name="at"/>.</summary>
    public static int CountIn(MemberState state, EventRule rule, DateTimeOffset? periodStart, DateTimeOffset at) =>
        state.EventCounts.TryGetValue(rule.EventType, out var count) && count.PeriodStart == periodStart
            && (count.PeriodEnd is null || at < count.PeriodEnd) && (rule.Period == EventCapPeriod.Once) == (count.PeriodStart is null)
            ? count.Count
            : 0;

    /// <summary>
    /// The award of one event, or a refusal: NOT_FOUND (EVENT_RULE_NOT_FOUND) for an event type the program has no rule
    /// for, FAILED_PRECONDITION EVENT_RULE_NOT_ACTIVE (before starts_at, from ends_at, or ended), EVENT_RULE_NOT_FOR_TIER
    /// (the member is not in one of its tiers), EVENT_CAP_REACHED, POINTS_LIMIT_EXCEEDED.
    /// </summary>
    public static EventRecorded Decide(MemberState state, ProgramRules rules, RecordEvent command, string eventId, DateTimeOffset now)
    {
        var rule = rules.EventRule(command.EventType) ?? throw new LoyaltyException(LoyaltyError.NotFound("EVENT_RULE_NOT_FOUND",
            $"program '{command.ProgramId}' has no event rule '{command.EventType}' (UpsertEventRule creates one)"));
        if (!rule.ActiveAt(now))
        {
            var why = rule.StartsAt is { } starts && now < starts ? $"it starts at {starts:O}" : $"it ended at {rule.EffectiveEnd:O}";
            throw new LoyaltyException(LoyaltyError.Precondition("EVENT_RULE_NOT_ACTIVE",
                $"event rule '{rule.EventType}' gives no points now: {why}"));
        }
        if (rule.TierIds.Count > 0 && (state.Tier.TierId is not { } tier || !rule.TierIds.Contains(tier, StringComparer.Ordinal)))
        {
            throw new LoyaltyException(LoyaltyError.Precondition("EVENT_RULE_NOT_FOR_TIER",
                $"event rule '{rule.EventType}' is for members of tier {string.Join(", ", rule.TierIds)}; member '{command.MemberId}' is in " +
                (state.Tier.TierId is { } current ? $"tier {current}" : "no tier")));
        }
        if (!MemberSegments.InAny(state, rule.SegmentIds))
        {
            throw new LoyaltyException(LoyaltyError.Precondition("EVENT_RULE_NOT_FOR_SEGMENT",
                $"event rule '{rule.EventType}' is for members of segment {string.Join(", ", rule.SegmentIds)}; member '{command.MemberId}' is in none of them"));
        }
        var (start, end) = PeriodOf(rule.Period, now, rules.Settings.TimeZone);
        var count = CountIn(state, rule, start, now);
        var cap = rule.Period == EventCapPeriod.Once ? 1 : rule.Cap;
        if (count >= cap)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("EVENT_CAP_REACHED", rule.Period == EventCapPeriod.Once
                ? $"member '{command.MemberId}' already had the points of once-only event '{rule.EventType}'"
                : $"member '{command.MemberId}' had the points of event '{rule.EventType}' {count} times this {Name(rule.Period)} " +
                  $"(from {start:O}), its cap; the next period starts at {end:O}"));
        }
        if (state.Balance.LifetimeEarned + rule.Points > Limits.MaxLifetimePoints)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("POINTS_LIMIT_EXCEEDED",
                $"member '{command.MemberId}' would pass {Limits.MaxLifetimePoints} lifetime points; contact the program operator"));
        }
        return new EventRecorded(eventId, rule.EventType, rule.Points, string.IsNullOrEmpty(command.Reference) ? null : command.Reference,
            command.Actor, count + 1, start, end)
        { OccurredAt = now, RecordedAt = now };
    }

    /// <summary>The enrolment bonus of a member enrolling now, or null if the program has none.</summary>
    public static EnrolmentBonusAwarded? EnrolmentBonus(ProgramRules rules, DateTimeOffset now) =>
        rules.EngagementBonuses.EnrolmentPoints is > 0 and var points ? new EnrolmentBonusAwarded(points) { OccurredAt = now, RecordedAt = now } : null;

    /// <summary>
    /// The consent bonus for a marketing consent the member granted (request <paramref name="requestId"/>), or null: the
    /// member had it already, the program has none now, or the member is not enrolled. Never twice per member.
    /// </summary>
    public static ConsentBonusAwarded? ConsentBonus(MemberState state, ProgramRules rules, string requestId, DateTimeOffset now)
    {
        if (state.Profile is null || state.ConsentBonusGiven || rules.EngagementBonuses.ConsentPoints <= 0)
        {
            return null;
        }
        var points = state.Balance.LifetimeEarned + rules.EngagementBonuses.ConsentPoints > Limits.MaxLifetimePoints ? 0 : rules.EngagementBonuses.ConsentPoints;
        var bonus = new ConsentBonusAwarded(points) { RequestId = requestId, OccurredAt = now, RecordedAt = now };
        return bonus with { BalanceAfter = bonus.ApplyTo(state.Balance) };
    }

    private static string Name(EventCapPeriod period) => period.ToString().ToLowerInvariant();

    /// <summary>The instant a local day starts; where midnight is skipped (a DST change at 00:00) the first minute that exists.</summary>
    private static DateTimeOffset LocalStart(DateTime date, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(date, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
