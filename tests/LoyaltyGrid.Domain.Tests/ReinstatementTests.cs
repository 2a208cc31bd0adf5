using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>Expired points given back: to one member by an admin, or to every member by a program-wide decision.</summary>
public sealed class ReinstatementTests
{
    private static readonly DateTimeOffset Start = TestClock.Start;
    private static readonly DateTimeOffset FirstExpiry = Start.AddMonths(12);

    private readonly RulesBuilder program = new RulesBuilder().Expiry(ExpiryKind.FifoLots, 12);

    /// <summary>100 points expired 12 months in, 50 more at 14 months.</summary>
    private TestMember MemberWithTwoExpiries()
    {
        var member = TestMember.Enrolled(program.Rules);
        member.Buy(new Basket().Line("a", 1, 1000));
        member.At(Start.AddMonths(2));
        member.Buy(new Basket().Line("b", 1, 500));
        member.At(FirstExpiry);
        member.At(Start.AddMonths(14));
        Assert.Equal(new Balance(LifetimeEarned: 150, LifetimeExpired: 150), member.Balance);
        return member;
    }

    [Fact]
    public void Admin_reinstates_a_members_expired_points_as_a_new_lot()
    {
        var member = MemberWithTwoExpiries();
        member.At(Start.AddMonths(15));
        var expiries = member.State.Expirations.Select(x => x.ExpiryId).ToArray();

        var decision = member.Handle(member.ReinstatementOf(reason: "complaint 4711"));

        var reinstated = Assert.IsType<PointsReinstated>(Assert.Single(decision.NewEvents));
        Assert.Equal(
            (150L, (string?)null, RulesBuilder.Admin, "complaint 4711", member.Now),
            (reinstated.Points, reinstated.ReinstatementId, reinstated.Actor, reinstated.Reason, reinstated.OccurredAt));
        Assert.Equal(expiries, reinstated.ExpiryIds);
        Assert.Empty(member.State.Expirations); // reinstated expirations are done with; the journal keeps them

        Assert.Equal(new Balance(Available: 150, LifetimeEarned: 150, LifetimeExpired: 150, LifetimeReinstated: 150), member.Balance);
        var entry = Assert.Single(LedgerEntry.From(member.State.Version, reinstated));
        Assert.Equal((LedgerEntryType.Reinstatement, 150L, 150L), (entry.Type, entry.Points, entry.AvailableDelta));

        // Reinstated points are earned anew: they expire a full period after the reinstatement.
        Assert.Empty(member.At(Start.AddMonths(27).AddMinutes(-1)));
        Assert.Equal(150L, Assert.IsType<PointsExpired>(Assert.Single(member.At(Start.AddMonths(27)))).Points);
    }

    [Fact]
    public void Reinstatement_window_selects_the_expiries_it_gives_back()
    {
        var member = MemberWithTwoExpiries();

        var reinstated = (PointsReinstated)member.Handle(member.ReinstatementOf(expiredFrom: FirstExpiry, expiredUntil: FirstExpiry.AddDays(1))).Result;

        Assert.Equal(100L, reinstated.Points);
        Assert.Equal([50L], member.State.Expirations.Select(x => x.Points)); // only the later expiry is left to reinstate
    }

    [Fact]
    public void Reinstating_a_member_with_no_expired_points_is_refused()
    {
        var member = TestMember.Enrolled(program.Rules);
        member.Buy(new Basket().Line("a", 1, 1000));

        Assert.Equal(Refusal.Precondition("NO_EXPIRED_POINTS"), member.Refuses(member.ReinstatementOf()));
    }

    [Fact]
    public void Points_reinstated_once_cannot_be_reinstated_again()
    {
        var member = MemberWithTwoExpiries();
        member.Handle(member.ReinstatementOf());

        Assert.Equal(Refusal.Precondition("NO_EXPIRED_POINTS"), member.Refuses(member.ReinstatementOf()));
    }

    [Fact]
    public void Reinstatement_window_without_expiries_is_refused()
    {
        var member = MemberWithTwoExpiries();

        Assert.Equal(Refusal.Precondition("NO_EXPIRED_POINTS"), member.Refuses(member.ReinstatementOf(expiredUntil: FirstExpiry)));
    }

    [Fact]
    public void Program_wide_reinstatement_is_applied_once_by_the_next_due_run()
    {
        var member = MemberWithTwoExpiries();
        program.Now = Start.AddMonths(15);
        var decision = program.ReinstateExpired(expiredFrom: null, expiredUntil: null, reason: "expiry ran by mistake");
        member.Rules = program.Rules;

        var first = member.At(Start.AddMonths(15).AddMinutes(1));
        var second = member.At(Start.AddMonths(15).AddMinutes(2));

        var reinstated = Assert.IsType<PointsReinstated>(Assert.Single(first));
        Assert.Equal((150L, decision.ReinstatementId, RulesBuilder.Admin, "expiry ran by mistake"),
            (reinstated.Points, reinstated.ReinstatementId, reinstated.Actor, reinstated.Reason));
        Assert.Empty(second);
        Assert.Equal(new Balance(Available: 150, LifetimeEarned: 150, LifetimeExpired: 150, LifetimeReinstated: 150), member.Balance);
    }

    [Fact]
    public void Program_wide_reinstatement_gives_back_only_expiries_in_its_window()
    {
        var member = MemberWithTwoExpiries();
        program.Now = Start.AddMonths(15);
        program.ReinstateExpired(expiredFrom: Start.AddMonths(13), expiredUntil: null);
        member.Rules = program.Rules;

        var reinstated = Assert.IsType<PointsReinstated>(Assert.Single(member.At(Start.AddMonths(15))));

        Assert.Equal(50L, reinstated.Points);
    }

    [Fact]
    public void Program_wide_reinstatement_does_not_cover_points_that_expire_after_it_was_decided()
    {
        var member = TestMember.Enrolled(program.Rules);
        member.Buy(new Basket().Line("a", 1, 1000));
        program.Now = Start.AddMonths(6);
        program.ReinstateExpired(expiredFrom: null, expiredUntil: null);
        member.Rules = program.Rules;

        member.At(FirstExpiry);
        var later = member.At(FirstExpiry.AddDays(1));

        Assert.Empty(later);
        Assert.Equal(new Balance(LifetimeEarned: 100, LifetimeExpired: 100), member.Balance);
    }

    [Fact]
    public void Program_wide_reinstatement_covers_an_expiry_found_in_the_same_due_run()
    {
        var member = TestMember.Enrolled(program.Rules);
        member.Buy(new Basket().Line("a", 1, 1000));
        program.Now = Start.AddMonths(13); // after the points expired (12 months), before the member's next activity
        program.ReinstateExpired(expiredFrom: null, expiredUntil: null);
        member.Rules = program.Rules;

        var due = member.At(Start.AddMonths(14));

        Assert.Equal(["PointsExpired", "PointsReinstated"], due.Select(e => e.GetType().Name));
        Assert.Equal(new Balance(Available: 100, LifetimeEarned: 100, LifetimeExpired: 100, LifetimeReinstated: 100), member.Balance);
    }

    [Fact]
    public void Member_level_and_program_wide_reinstatements_never_give_the_same_points_twice()
    {
        var member = MemberWithTwoExpiries();
        member.Handle(member.ReinstatementOf(expiredUntil: FirstExpiry.AddDays(1))); // the 100
        program.Now = Start.AddMonths(15);
        program.ReinstateExpired(expiredFrom: null, expiredUntil: null);
        member.Rules = program.Rules;

        var reinstated = Assert.IsType<PointsReinstated>(Assert.Single(member.At(Start.AddMonths(15))));

        Assert.Equal(50L, reinstated.Points);
        Assert.Equal(150L, member.Balance.LifetimeReinstated);
    }
}
