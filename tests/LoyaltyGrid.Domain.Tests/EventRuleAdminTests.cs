using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>Event rules and engagement bonuses as an admin sets them (ProgramAdmin).</summary>
public sealed class EventRuleAdminTests
{
    private static readonly DateTimeOffset Now = TestClock.Start;

    private static ProgramState Program()
    {
        var state = new ProgramState();
        var created = new ProgramAdmin(state).Handle(new CreateProgram("p-1", "prog-1", "Shop", "EUR", 10, null, null, null, null, "key:a"), Now);
        state.Apply(created.NewEvent!, 1);
        return state;
    }

    private static ProgramDecision Apply(ProgramState state, IProgramCommand command)
    {
        var decision = new ProgramAdmin(state).Handle(command, Now);
        if (decision.NewEvent is { } e)
        {
            state.Apply(e, state.Version + 1);
        }
        return decision;
    }

    private static LoyaltyError Refused(ProgramState state, IProgramCommand command)
    {
        var version = state.Version;
        var error = Assert.Throws<LoyaltyException>(() => new ProgramAdmin(state).Handle(command, Now)).Error;
        Assert.Equal(version, state.Version);
        return error;
    }

    private static EventRule Review => new("review_written", "Review written", 50, EventCapPeriod.Week, 3, null, null, []);

    [Fact]
    public void Upsert_creates_then_replaces_a_rule_in_place_and_end_stops_it()
    {
        var state = Program();
        Apply(state, new UpsertEventRule("r-1", "prog-1", "key:a", Review));
        Apply(state, new UpsertEventRule("r-2", "prog-1", "key:a", Review with { EventType = "app_installed", Period = EventCapPeriod.Once, Cap = 0 }));
        Apply(state, new UpsertEventRule("r-3", "prog-1", "key:a", Review with { Points = 80 }));
        Apply(state, new EndEventRule("r-4", "prog-1", "key:a", "review_written"));

        var rules = state.Rules!;
        Assert.Equal(["review_written", "app_installed"], rules.EventRules.Select(r => r.EventType));
        Assert.Equal((80L, Now), (rules.EventRule("review_written")!.Points, rules.EventRule("review_written")!.EndedAt));
        Assert.False(rules.EventRule("review_written")!.ActiveAt(Now));
        Assert.Equal("EVENT_RULE_ALREADY_ENDED", Refused(state, new EndEventRule("r-5", "prog-1", "key:a", "review_written")).Reason);
        Assert.Equal("EVENT_RULE_NOT_FOUND", Refused(state, new EndEventRule("r-6", "prog-1", "key:a", "social_share")).Reason);

        // Upserting an ended rule starts it again.
        Apply(state, new UpsertEventRule("r-7", "prog-1", "key:a", Review));
        Assert.True(state.Rules!.EventRule("review_written")!.ActiveAt(Now));
    }

    [Fact]
    public void A_retry_answers_the_same_change_and_another_change_under_its_id_is_refused()
    {
        var state = Program();
        var first = Apply(state, new UpsertEventRule("r-1", "prog-1", "key:a", Review));

        var retry = Apply(state, new UpsertEventRule("r-1", "prog-1", "key:a", Review));

        Assert.Null(retry.NewEvent);
        Assert.Equal(first.Result, retry.Result);
        Assert.Equal(2, state.Version);
        Assert.Equal("REQUEST_ID_REUSED", Refused(state, new UpsertEventRule("r-1", "prog-1", "key:a", Review with { Points = 51 })).Reason);
    }

    [Fact]
    public void Bad_rules_are_refused_with_one_violation_per_field()
    {
        var state = Program();
        var bad = new EventRule("bad type", "", 0, (EventCapPeriod)0, 0, Now.AddDays(2), Now.AddDays(1), ["gold", "gold"]);

        var error = Refused(state, new UpsertEventRule("r-1", "prog-1", "key:a", bad));

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(
            ["event_rule.event_type", "event_rule.name", "event_rule.points", "event_rule.cap_period", "event_rule.ends_at", "event_rule.tier_ids[1]"],
            error.Violations!.Select(v => v.Field));
        var badCap = Refused(state, new UpsertEventRule("r-2", "prog-1", "key:a", Review with { Cap = 0 }));
        Assert.Equal(["event_rule.cap"], badCap.Violations!.Select(v => v.Field));
        var onceCap = Refused(state, new UpsertEventRule("r-3", "prog-1", "key:a", Review with { Period = EventCapPeriod.Once, Cap = 2 }));
        Assert.Equal(["event_rule.cap"], onceCap.Violations!.Select(v => v.Field));
        // A tier the program does not have.
        var unknownTier = Refused(state, new UpsertEventRule("r-4", "prog-1", "key:a", Review with { TierIds = ["gold"] }));
        Assert.Equal(["event_rule.tier_ids[0]"], unknownTier.Violations!.Select(v => v.Field));
        var bonuses = Refused(state, new SetEngagementBonuses("r-5", "prog-1", "key:a", new EngagementBonuses(-1, Limits.MaxBonusPoints + 1)));
        Assert.Equal(["enrolment_bonus_points", "consent_bonus_points"], bonuses.Violations!.Select(v => v.Field));
    }

    [Fact]
    public void Engagement_bonuses_are_set_as_a_pair()
    {
        var state = Program();
        Apply(state, new SetEngagementBonuses("b-1", "prog-1", "key:a", new EngagementBonuses(200, 75)));

        Assert.Equal(new EngagementBonuses(200, 75), state.Rules!.EngagementBonuses);
        Assert.Equal(1, state.Rules.Version);
    }
}
