using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>Tier downgrade modes (at review, never, immediately) and manual tier assignment with an optional end.</summary>
public sealed class TierModeTests
{
    private static readonly DateTimeOffset Start = TestClock.Start;

    /// <summary>Silver from 100 EUR, gold from 500 EUR, platinum from 1000 EUR, over 12 months, reviewed yearly with 30 days grace.</summary>
    private static ProgramRules Program(TierDowngradeMode mode) => new RulesBuilder()
        .TierPolicy(TierMetric.QualifyingSpend, windowMonths: 12, reviewMonths: 12, graceDays: 30, downgradeMode: mode)
        .Tier("silver", 10_000, 150)
        .Tier("gold", 50_000, 200)
        .Tier("platinum", 100_000, 300)
        .Rules;

    private static string Changes(IEnumerable<MemberEvent> events) =>
        string.Join("; ", events.OfType<TierChanged>().Select(t =>
            $"{t.FromTierId ?? "none"}->{t.ToTierId ?? "none"} {t.Reason} metric {t.Metric} at {Show.Day(t.OccurredAt)} next {(t.ReviewAt is { } r ? Show.Day(r) : "none")}"));

    private static AssignTier Assign(TestMember member, string tierId, DateTimeOffset? endsAt, string? requestId = null) =>
        new(requestId ?? member.NextRequestId(), TestMember.ProgramId, member.MemberId, "key:desk (Desk)", tierId, endsAt, "Complaint 4711");

    [Fact]
    public void At_review_a_return_lowers_the_metric_but_the_tier_waits_for_the_review()
    {
        var member = TestMember.Enrolled(Program(TierDowngradeMode.AtReview));
        var purchase = member.Buy(new Basket().Line("item", 1, 50_000)); // gold

        var returned = member.Handle(member.ReturnOf(purchase.TransactionId, ("item", 1)));

        Assert.Equal("", Changes(returned.NewEvents));
        Assert.Equal(("gold", (DateTimeOffset?)Start.AddMonths(12)), (member.State.Tier.TierId, member.State.Tier.ReviewAt));
        Assert.Equal("gold->silver Downgrade metric 0 at 2026-07-01 12:00 next 2027-06-01 12:00", Changes(member.At(Start.AddMonths(12).AddDays(30))));
    }

    [Fact]
    public void Never_keeps_a_tier_once_reached_with_no_reviews()
    {
        var member = TestMember.Enrolled(Program(TierDowngradeMode.Never));
        var purchase = member.Buy(new Basket().Line("item", 1, 100_000)); // platinum
        member.ReturnAll(purchase);

        Assert.Equal("none->platinum Upgrade metric 100000 at 2025-06-01 12:00 next none", Changes(member.Journal.Select(j => j.Event)));
        Assert.Null(member.State.NextDue(member.Rules));
        Assert.Empty(member.At(Start.AddYears(5)));
        Assert.Equal(new TierStatus("platinum", Start, null), member.State.Tier);
        Assert.Null(MemberOverview.Of(member.State, member.Rules, member.Now).TierReviewAt);
    }

    [Fact]
    public void Immediately_a_return_that_takes_the_metric_below_drops_to_the_tier_it_still_earns_in_the_same_decision()
    {
        var member = TestMember.Enrolled(Program(TierDowngradeMode.Immediate));
        var small = member.Buy(new Basket().Line("item", 1, 20_000));
        var big = member.Buy(new Basket().Line("item", 1, 90_000)); // 110,000: platinum

        var returned = member.Handle(member.ReturnOf(big.TransactionId, ("item", 1)));

        Assert.Equal("platinum->silver FellBelow metric 20000 at 2025-06-01 12:00 next none", Changes(returned.NewEvents));
        Assert.IsType<ReturnRecorded>(returned.Result);
        Assert.Equal("silver", member.State.Tier.TierId);
        Assert.Equal("Tier lowered from platinum to silver: the metric fell below its threshold (metric 20000)",
            member.Statement().Single(e => e.Sequence == member.State.Version).Description);
        Assert.Equal(20_000, small.LineQualifyingMinor.Sum());
    }

    [Fact]
    public void Immediately_purchases_leaving_the_window_drop_the_tier_when_the_last_one_needed_leaves()
    {
        var member = TestMember.Enrolled(Program(TierDowngradeMode.Immediate));
        member.Buy(new Basket().Line("item", 1, 30_000));
        member.At(Start.AddMonths(3));
        member.Buy(new Basket().Line("item", 1, 30_000)); // 60,000: gold

        // Without the first purchase the second alone (30,000) is silver: due when the first leaves the window.
        Assert.Equal(Start.AddMonths(12), member.State.NextDue(member.Rules));
        Assert.Equal("", Changes(member.At(Start.AddMonths(12).AddMinutes(-1))));
        Assert.Equal("gold->silver FellBelow metric 30000 at 2026-06-01 12:00 next none", Changes(member.At(Start.AddMonths(12))));
        Assert.Equal(Start.AddMonths(15), member.State.NextDue(member.Rules));
        Assert.Equal("silver->none FellBelow metric 0 at 2026-09-01 12:00 next none", Changes(member.At(Start.AddMonths(15))));
        Assert.Null(member.State.NextDue(member.Rules));
    }

    [Fact]
    public void An_assigned_tier_is_kept_through_reviews_and_returns_until_it_ends_then_the_metric_decides()
    {
        var member = TestMember.Enrolled(Program(TierDowngradeMode.Immediate));
        member.Buy(new Basket().Line("item", 1, 20_000)); // silver
        var endsAt = Start.AddMonths(6);

        var assigned = (TierAssigned)member.Handle(Assign(member, "platinum", endsAt)).Result;

        Assert.Equal(("silver", "platinum", (DateTimeOffset?)endsAt), (assigned.FromTierId, assigned.TierId, assigned.EndsAt));
        Assert.Equal(new TierStatus("platinum", Start, null) { Assigned = true, AssignedUntil = endsAt }, member.State.Tier);
        Assert.Equal(endsAt, member.State.NextDue(member.Rules));
        var overview = MemberOverview.Of(member.State, member.Rules, member.Now);
        Assert.Equal(("platinum", true, (DateTimeOffset?)endsAt), (overview.Tier!.TierId, overview.TierAssigned, overview.TierAssignedUntil));
        // The next purchase earns at the assigned tier's rate.
        var next = member.Buy(new Basket().Line("item", 1, 1_000));
        Assert.Equal("base-rate=100 [100]; tier:platinum=200 [200]", Show.Components(next.Components));

        Assert.Equal("", Changes(member.At(endsAt.AddMinutes(-1))));
        Assert.Equal("platinum->silver AssignmentEnded metric 21000 at 2025-12-01 12:00 next none", Changes(member.At(endsAt)));
        Assert.Equal(new TierStatus("silver", endsAt, null), member.State.Tier);
        var line = member.Statement().First(e => e.Rule == TierAssigned.Rule);
        Assert.Equal(("key:desk (Desk)", "Complaint 4711", $"Tier platinum assigned by key:desk (Desk) (was silver) until {endsAt:O}: Complaint 4711"),
            (line.Actor, line.Note, line.Description));
    }

    [Fact]
    public void At_review_an_assignment_without_an_end_is_never_reviewed_and_a_purchase_past_it_upgrades()
    {
        var member = TestMember.Enrolled(Program(TierDowngradeMode.AtReview));
        member.Handle(Assign(member, "silver", null));

        Assert.Null(member.State.NextDue(member.Rules));
        Assert.Empty(member.At(Start.AddYears(3)));
        Assert.Equal("silver", member.State.Tier.TierId);
        member.Buy(new Basket().Line("item", 1, 50_000));

        Assert.Equal(new TierStatus("gold", member.Now, member.Now.AddMonths(12)), member.State.Tier);
    }

    [Fact]
    public void An_assignment_is_idempotent_and_refuses_an_unknown_tier_a_past_end_and_a_reused_request_id()
    {
        var member = TestMember.Enrolled(Program(TierDowngradeMode.AtReview));
        var command = Assign(member, "gold", Start.AddDays(30));
        var first = member.Handle(command);
        var version = member.State.Version;

        var retried = member.Handle(command);

        Assert.Equal(first.Result, retried.Result);
        Assert.Equal(version, member.State.Version);
        Assert.Equal(new Refusal(ErrorKind.AlreadyExists, "REQUEST_ID_REUSED", []), member.Refuses(command with { TierId = "silver" }));
        Assert.Equal(Refusal.Invalid("tier_id"), member.Refuses(Assign(member, "diamond", null)));
        Assert.Equal(Refusal.Invalid("ends_at"), member.Refuses(Assign(member, "gold", Start)));
        Assert.Equal(Refusal.Invalid("note"), member.Refuses(Assign(member, "gold", null) with { Note = "" }));
        Assert.Equal(Refusal.NotFound("MEMBER_NOT_FOUND"), TestMember.NotEnrolled().Refuses(Assign(TestMember.NotEnrolled(), "gold", null)));
    }
}
