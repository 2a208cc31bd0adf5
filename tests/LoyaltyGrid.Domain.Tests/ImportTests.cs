using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

public sealed class ImportTests
{
    private static readonly DateTimeOffset Joined = TestClock.Start.AddYears(-3);

    private static ImportMember Member(long points = 500, string? reason = "legacy balance", string? tierId = null,
        string? cardAlias = "card-1", DateTimeOffset? enrolledAt = null, string memberId = "member-1") =>
        new("import-1", TestMember.ProgramId, memberId, cardAlias, enrolledAt ?? Joined, points, reason, tierId);

    private static TestMember Imported(ProgramRules rules, ImportMember member)
    {
        var test = TestMember.NotEnrolled(rules.Settings);
        test.Rules = rules;
        Assert.Empty(MemberImport.Check(member, rules, test.Now));
        test.Apply([MemberImport.Decide(member, rules, test.Now)]);
        return test;
    }

    [Fact]
    public void An_imported_balance_is_available_earned_one_lot_at_enrolment_and_one_statement_line()
    {
        var member = Imported(new RulesBuilder().Rules, Member());

        Assert.Equal(new Balance(Available: 500, LifetimeEarned: 500), member.Balance);
        Assert.Equal(new MemberProfile(TestMember.ProgramId, "member-1", "card-1", Joined), member.State.Profile);
        Assert.Equal([(Joined, 500L)], member.State.Lots.Select(l => (l.EarnedAt, l.Remaining)));
        var line = Assert.Single(LedgerEntry.From(1, member.Journal[0].Event));
        Assert.Equal((LedgerEntryType.OpeningBalance, "import", 500L, 500L, "import-1"), (line.Type, line.Rule, line.Points, line.AvailableDelta, line.RequestId));
        Assert.Equal("Opening balance of 500 points imported: legacy balance", line.Description);
        Assert.Equal((Joined, TestClock.Start), (line.OccurredAt, line.RecordedAt));
        Assert.Empty(member.State.Requests);
    }

    [Fact]
    public void A_purchase_after_the_import_earns_on_top_and_the_ledger_still_sums_to_the_balance()
    {
        var member = Imported(new RulesBuilder().Rules, Member());

        member.Buy(new Basket().Line("shirt", 1, 2000));

        Assert.Equal(new Balance(Available: 700, LifetimeEarned: 700), member.Balance);
        Assert.Equal(member.Balance.Total, member.Journal.SelectMany(j => LedgerEntry.From(j.Sequence, j.Event)).Sum(e => e.Points));
    }

    [Fact]
    public void An_imported_tier_starts_at_the_import_and_is_reviewed_a_full_review_period_later()
    {
        var rules = new RulesBuilder().TierPolicy(reviewMonths: 6, graceDays: 10).Tier("silver", 1000).Tier("gold", 5000).Rules;

        var member = Imported(rules, Member(tierId: "gold"));

        Assert.Equal(new TierStatus("gold", TestClock.Start, TestClock.Start.AddMonths(6)), member.State.Tier);
        Assert.Equal(TestClock.Start.AddMonths(6).AddDays(10), member.State.NextDue(rules));
        Assert.Equal("Opening balance of 500 points imported: legacy balance (tier gold)", LedgerEntry.From(1, member.Journal[0].Event)[0].Description);
    }

    [Fact]
    public void The_programs_fifo_expiry_applies_to_the_imported_lot_from_enrolled_at()
    {
        var rules = new RulesBuilder().Expiry(ExpiryKind.FifoLots, 24).Rules;
        var member = Imported(rules, Member(enrolledAt: TestClock.Start.AddMonths(-23)));

        Assert.Equal(TestClock.Start.AddMonths(1), member.State.NextDue(rules));
        member.Advance(TimeSpan.FromDays(31));
        var expired = Assert.IsType<PointsExpired>(Assert.Single(member.ApplyDue()));

        Assert.Equal(500, expired.Points);
        Assert.Equal(0, member.Balance.Available);
    }

    [Fact]
    public void Inactivity_is_counted_from_the_import_not_from_enrolled_at()
    {
        var rules = new RulesBuilder().Expiry(ExpiryKind.Inactivity, 12).Rules;

        var member = Imported(rules, Member());

        Assert.Equal(TestClock.Start.AddMonths(12), member.State.NextDue(rules));
    }

    [Fact]
    public void Check_names_every_bad_field_of_a_member()
    {
        var rules = new RulesBuilder().Tier("gold", 5000).Rules;
        var bad = new ImportMember("", "other-program", "", "card 1", TestClock.Start.AddHours(1), -1, null, "platinum");

        var fields = MemberImport.Check(bad, rules, TestClock.Start).Select(v => v.Field);

        Assert.Equal(["import_id", "member_id", "card_alias", "opening_points", "program_id", "enrolled_at", "tier_id"], fields);
        Assert.Equal(["opening_reason"], MemberImport.Check(Member(reason: null), rules, TestClock.Start).Select(v => v.Field));
        Assert.Equal(["enrolled_at"], MemberImport.Check(Member() with { EnrolledAt = null }, rules, TestClock.Start).Select(v => v.Field));
        Assert.Empty(MemberImport.Check(Member(points: 0, reason: null, cardAlias: null), rules, TestClock.Start));
    }

    [Fact]
    public void The_same_member_sent_again_has_no_differences_and_other_content_names_what_differs()
    {
        var rules = new RulesBuilder().Tier("gold", 5000).Rules;
        var imported = MemberImport.Decide(Member(), rules, TestClock.Start);

        Assert.Empty(MemberImport.Differences(imported, Member() with { ImportId = "import-2" }));
        Assert.Equal(["opening_points", "tier_id"], MemberImport.Differences(imported, Member(points: 501, tierId: "gold")));
        Assert.Equal(["card_alias"], MemberImport.Differences(imported, Member(cardAlias: "")));
    }
}
