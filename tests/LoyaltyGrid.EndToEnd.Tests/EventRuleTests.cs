using Grpc.Core;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>Custom events (Programs.UpsertEventRule/ListEventRules/EndEventRule, Members.RecordEvent) and the engagement bonuses over gRPC.</summary>
public sealed class EventRuleTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    private static EventRule CheckIn => new()
    {
        EventType = "store_checkin", Name = "Store check-in", Points = 20, CapPeriod = EventCapPeriod.Day, Cap = 2,
    };

    private async Task<Metadata> TillAsync(string program) =>
        TestKeys.Authorization(await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.Terminal, program, "merchant-1", "store-1"));

    private RecordEventRequest Event(string program, string member, string eventType = "store_checkin") => new()
    {
        RequestId = NewId("req"), ProgramId = program, MemberId = member, EventType = eventType, Reference = "store-1",
    };

    private async Task<Member> MemberAsync(string program, string member) =>
        (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member;

    [Fact]
    public async Task An_admin_upserts_lists_and_ends_event_rules_idempotently_and_bad_rules_are_refused_by_field()
    {
        var program = await CreateProgramAsync(silo);
        var upsert = new UpsertEventRuleRequest { RequestId = NewId("req"), ProgramId = program, EventRule = CheckIn };

        var created = await silo.Programs.UpsertEventRuleAsync(upsert);
        var retried = await silo.Programs.UpsertEventRuleAsync(upsert);
        var reused = await RefusedAsync(silo.Programs.UpsertEventRuleAsync(new UpsertEventRuleRequest(upsert) { EventRule = new EventRule(CheckIn) { Points = 21 } }));
        var invalid = await RefusedAsync(silo.Programs.UpsertEventRuleAsync(new UpsertEventRuleRequest
        {
            RequestId = NewId("req"), ProgramId = program,
            EventRule = new EventRule { EventType = "bad type", Name = "x", Points = 0, CapPeriod = EventCapPeriod.Week, Cap = 0, TierIds = { "gold" } },
        }));
        var missing = await RefusedAsync(silo.Programs.UpsertEventRuleAsync(new UpsertEventRuleRequest { RequestId = NewId("req"), ProgramId = program }));

        Assert.Equal(created, retried);
        Assert.Equal(CheckIn, created.EventRule);
        Assert.Equal((StatusCode.AlreadyExists, "REQUEST_ID_REUSED"), (reused.Code, reused.Reason));
        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST"), (invalid.Code, invalid.Reason));
        // Field checks first: that the program has no tier "gold" is told once the rule is well formed.
        Assert.Equal(["event_rule.event_type", "event_rule.points", "event_rule.cap"], invalid.Fields);
        Assert.Equal(["event_rule"], missing.Fields);
        var listed = await silo.Programs.ListEventRulesAsync(new ListEventRulesRequest { ProgramId = program });
        Assert.Equal([CheckIn], listed.EventRules);

        var end = new EndEventRuleRequest { RequestId = NewId("req"), ProgramId = program, EventType = "store_checkin" };
        var ended = await silo.Programs.EndEventRuleAsync(end);
        var endedAgain = await RefusedAsync(silo.Programs.EndEventRuleAsync(new EndEventRuleRequest(end) { RequestId = NewId("req") }));
        var unknown = await RefusedAsync(silo.Programs.EndEventRuleAsync(new EndEventRuleRequest(end) { RequestId = NewId("req"), EventType = "social_share" }));

        Assert.NotNull(ended.EventRule.EndedAt);
        Assert.Equal((StatusCode.FailedPrecondition, "EVENT_RULE_ALREADY_ENDED"), (endedAgain.Code, endedAgain.Reason));
        Assert.Equal((StatusCode.NotFound, "EVENT_RULE_NOT_FOUND"), (unknown.Code, unknown.Reason));
        var member = await EnrollAsync(silo, program);
        var afterEnd = await RefusedAsync(silo.Members.RecordEventAsync(Event(program, member)));
        Assert.Equal((StatusCode.FailedPrecondition, "EVENT_RULE_NOT_ACTIVE"), (afterEnd.Code, afterEnd.Reason));
        var audit = await silo.Programs.ListAuditEntriesAsync(new ListAuditEntriesRequest { ProgramId = program });
        Assert.Equal(["EventRuleUpserted", "EventRuleEnded"], audit.Entries.Skip(1).Select(e => e.Change));
    }

    [Fact]
    public async Task A_till_records_events_up_to_the_cap_a_retry_answers_the_same_and_a_capped_event_changes_nothing()
    {
        var program = await CreateProgramAsync(silo);
        await silo.Programs.UpsertEventRuleAsync(new UpsertEventRuleRequest { RequestId = NewId("req"), ProgramId = program, EventRule = CheckIn });
        var member = await EnrollAsync(silo, program);
        var till = await TillAsync(program);
        var first = Event(program, member);

        var recorded = await silo.Members.RecordEventAsync(first, till);
        var retried = await silo.Members.RecordEventAsync(first, till);
        var second = await silo.Members.RecordEventAsync(Event(program, member), till);
        var capped = await RefusedAsync(silo.Members.RecordEventAsync(Event(program, member), till));
        var reused = await RefusedAsync(silo.Members.RecordEventAsync(new RecordEventRequest(first) { Reference = "store-2" }, till));
        var unknown = await RefusedAsync(silo.Members.RecordEventAsync(Event(program, member, "newsletter_signup"), till));
        var invalid = await RefusedAsync(silo.Members.RecordEventAsync(new RecordEventRequest(Event(program, member, "")) { RequestId = "" }, till));

        Assert.Equal(recorded, retried);
        Assert.StartsWith("evt_", recorded.EventId);
        Assert.Equal((20L, 20L, 1), (recorded.Points, recorded.Balance.Available, recorded.CountInPeriod));
        Assert.NotNull(recorded.PeriodEndsAt);
        Assert.Equal((20L, 40L, 2), (second.Points, second.Balance.Available, second.CountInPeriod));
        Assert.Equal((StatusCode.FailedPrecondition, "EVENT_CAP_REACHED"), (capped.Code, capped.Reason));
        Assert.Equal((StatusCode.AlreadyExists, "REQUEST_ID_REUSED"), (reused.Code, reused.Reason));
        Assert.Equal((StatusCode.NotFound, "EVENT_RULE_NOT_FOUND"), (unknown.Code, unknown.Reason));
        Assert.Equal(StatusCode.InvalidArgument, invalid.Code);
        Assert.Equal(["request_id", "event_type"], invalid.Fields);
        var shown = await MemberAsync(program, member);
        Assert.Equal((40L, 40L), (shown.Balance.Available, shown.Balance.LifetimeEarned));
        var lines = (await LedgerAsync(silo, program, member)).Where(l => l.Type == LedgerEntryType.Event).ToArray();
        Assert.Equal([(20L, "event:store_checkin", second.EventId), (20L, "event:store_checkin", recorded.EventId)],
            lines.Select(l => (l.Points, l.Rule, l.EventId)));
        Assert.Equal(first.RequestId, lines[1].RequestId);
        Assert.Equal("store-1", lines[1].Note);
    }

    [Fact]
    public async Task A_member_enrolling_gets_the_enrolment_bonus_once_also_when_the_enrolment_is_retried()
    {
        var program = await CreateProgramAsync(silo);
        var bonuses = new SetEngagementBonusesRequest
        {
            RequestId = NewId("req"), ProgramId = program,
            EngagementBonuses = new EngagementBonuses { EnrolmentBonusPoints = 200, ConsentBonusPoints = 75 },
        };
        var set = await silo.Programs.SetEngagementBonusesAsync(bonuses);
        var invalid = await RefusedAsync(silo.Programs.SetEngagementBonusesAsync(new SetEngagementBonusesRequest(bonuses)
        {
            RequestId = NewId("req"), EngagementBonuses = new EngagementBonuses { EnrolmentBonusPoints = -1 },
        }));
        var enrol = new EnrollMemberRequest { RequestId = NewId("req"), ProgramId = program, MemberId = NewId("mem") };

        var enrolled = await silo.Members.EnrollMemberAsync(enrol);
        var retried = await silo.Members.EnrollMemberAsync(enrol);

        Assert.Equal(bonuses.EngagementBonuses, set.EngagementBonuses);
        Assert.Equal(StatusCode.InvalidArgument, invalid.Code);
        Assert.Equal(["enrolment_bonus_points"], invalid.Fields);
        var rules = (await silo.Programs.GetProgramAsync(new GetProgramRequest { ProgramId = program })).Rules;
        Assert.Equal(bonuses.EngagementBonuses, rules.EngagementBonuses);
        Assert.Equal((200L, 200L), (enrolled.Member.Balance.Available, retried.Member.Balance.Available));
        Assert.Equal(200L, (await MemberAsync(program, enrol.MemberId)).Balance.LifetimeEarned);
        var line = Assert.Single(await LedgerAsync(silo, program, enrol.MemberId));
        Assert.Equal((LedgerEntryType.Bonus, "enrolment-bonus", 200L, enrol.RequestId), (line.Type, line.Rule, line.Points, line.RequestId));
    }

    [Fact]
    public async Task The_first_marketing_consent_gives_the_consent_bonus_once_and_retries_and_later_consents_give_nothing()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        await silo.Programs.SetEngagementBonusesAsync(new SetEngagementBonusesRequest
        {
            RequestId = NewId("req"), ProgramId = program, EngagementBonuses = new EngagementBonuses { ConsentBonusPoints = 75 },
        });
        var till = await TillAsync(program);
        SetConsentRequest Consent(ConsentChannel channel, bool granted) => new()
        {
            RequestId = NewId("req"), ProgramId = program, MemberId = member, Channel = channel, Granted = granted, Source = ConsentSource.Pos,
        };
        var email = Consent(ConsentChannel.Email, true);

        var first = await silo.Members.SetConsentAsync(email, till);
        var afterFirst = await MemberAsync(program, member);
        var retried = await silo.Members.SetConsentAsync(email, till);
        await silo.Members.SetConsentAsync(Consent(ConsentChannel.Email, false), till);
        await silo.Members.SetConsentAsync(Consent(ConsentChannel.Email, true), till);
        await silo.Members.SetConsentAsync(Consent(ConsentChannel.Sms, true), till);

        Assert.Equal(first, retried);
        Assert.Equal(75L, afterFirst.Balance.Available);
        var shown = await MemberAsync(program, member);
        Assert.Equal((75L, 75L), (shown.Balance.Available, shown.Balance.LifetimeEarned));
        var line = Assert.Single(await LedgerAsync(silo, program, member));
        Assert.Equal((LedgerEntryType.Bonus, "consent-bonus", 75L, email.RequestId), (line.Type, line.Rule, line.Points, line.RequestId));
    }

    [Fact]
    public async Task A_withdrawal_alone_gives_no_consent_bonus()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        await silo.Programs.SetEngagementBonusesAsync(new SetEngagementBonusesRequest
        {
            RequestId = NewId("req"), ProgramId = program, EngagementBonuses = new EngagementBonuses { ConsentBonusPoints = 75 },
        });

        await silo.Members.SetConsentAsync(new SetConsentRequest
        {
            RequestId = NewId("req"), ProgramId = program, MemberId = member, Channel = ConsentChannel.Push, Granted = false, Source = ConsentSource.App,
        });

        Assert.Equal(0L, (await MemberAsync(program, member)).Balance.Available);
    }
}
