using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>Points stay pending for the return window, cannot be spent meanwhile, and mature by themselves.</summary>
public sealed class PendingPointsTests
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(14);

    private static TestMember MemberWithReturnWindow(TimeSpan window) =>
        TestMember.Enrolled(new RulesBuilder().Earning(new EarningRules { PendingPeriod = window }).Rules);

    [Fact]
    public void Points_of_a_purchase_are_pending_until_the_return_window_has_passed()
    {
        var member = MemberWithReturnWindow(Window);

        var purchase = member.Buy(new Basket().Line("jacket", 1, 1000));

        Assert.Equal((100L, TestClock.Start + Window), (purchase.Points, purchase.PendingUntil));
        Assert.Equal(new Balance(Pending: 100, LifetimeEarned: 100), member.Balance);
        var entry = Assert.Single(LedgerEntry.From(2, purchase));
        Assert.Equal((100L, 0L, 100L), (entry.Points, entry.AvailableDelta, entry.PendingDelta));
    }

    [Fact]
    public void Pending_points_cannot_be_redeemed()
    {
        var member = MemberWithReturnWindow(Window);
        member.Buy(new Basket().Line("jacket", 1, 1000));

        Assert.Equal(Refusal.Precondition("INSUFFICIENT_POINTS"), member.Refuses(member.AuthorizationOf(1)));
    }

    [Theory]
    [InlineData(-1, false)]  // a minute before the window ends: still pending
    [InlineData(0, true)]    // exactly at occurred_at + 14 days
    [InlineData(60 * 24, true)]
    public void Pending_points_become_available_exactly_when_the_window_ends(int minutesAfterWindow, bool available)
    {
        var member = MemberWithReturnWindow(Window);
        var purchase = member.Buy(new Basket().Line("jacket", 1, 1000));

        var due = member.At(TestClock.Start + Window + TimeSpan.FromMinutes(minutesAfterWindow));

        if (available)
        {
            var matured = Assert.IsType<PointsMatured>(Assert.Single(due));
            Assert.Equal((purchase.TransactionId, 100L, TestClock.Start, TestClock.Start + Window), (matured.TransactionId, matured.Points, matured.EarnedAt, matured.OccurredAt));
            Assert.Equal(new Balance(Available: 100, LifetimeEarned: 100), member.Balance);
            Assert.IsType<RedemptionAuthorized>(member.Handle(member.AuthorizationOf(100)).Result);
        }
        else
        {
            Assert.Empty(due);
            Assert.Equal(new Balance(Pending: 100, LifetimeEarned: 100), member.Balance);
        }
    }

    [Fact]
    public void Maturing_is_a_ledger_line_that_moves_points_from_pending_to_available()
    {
        var member = MemberWithReturnWindow(Window);
        member.Buy(new Basket().Line("jacket", 1, 1000));

        var matured = Assert.Single(member.At(TestClock.Start + Window));

        var entry = Assert.Single(LedgerEntry.From(3, matured));
        Assert.Equal((LedgerEntryType.Maturity, 0L, 100L, -100L, "pending-release"), (entry.Type, entry.Points, entry.AvailableDelta, entry.PendingDelta, entry.Rule));
    }

    [Fact]
    public void Return_inside_the_window_cancels_pending_points_and_leaves_available_alone()
    {
        var member = MemberWithReturnWindow(Window);
        member.Buy(new Basket().Line("earlier", 1, 500));
        member.At(TestClock.Start + Window); // 50 available from an earlier purchase
        var purchase = member.Buy(new Basket().Line("shirt", 2, 1000));

        var ret = member.Return(purchase.TransactionId, ("shirt", 1));

        Assert.Equal((100L, 100L, 0L), (ret.Points, ret.PendingCancelled, ret.WrittenOff));
        Assert.Equal(new Balance(Available: 50, Pending: 100, LifetimeEarned: 250, LifetimeReversed: 100), member.Balance);
        var entry = Assert.Single(LedgerEntry.From(5, ret));
        Assert.Equal((-100L, 0L, -100L), (entry.Points, entry.AvailableDelta, entry.PendingDelta));

        // What is left of the purchase still matures at the end of its own window.
        var matured = Assert.IsType<PointsMatured>(Assert.Single(member.At(member.Now + Window)));
        Assert.Equal(100L, matured.Points);
        Assert.Equal(new Balance(Available: 150, LifetimeEarned: 250, LifetimeReversed: 100), member.Balance);
    }

    [Fact]
    public void Full_return_inside_the_window_leaves_nothing_to_mature()
    {
        var member = MemberWithReturnWindow(Window);
        var purchase = member.Buy(new Basket().Line("shirt", 2, 1000));

        member.ReturnAll(purchase);

        Assert.Empty(member.State.PendingUntil);
        Assert.Empty(member.At(TestClock.Start + Window));
        Assert.Equal(new Balance(LifetimeEarned: 200, LifetimeReversed: 200), member.Balance);
    }

    [Fact]
    public void Return_after_the_window_takes_the_points_from_available()
    {
        var member = MemberWithReturnWindow(Window);
        var purchase = member.Buy(new Basket().Line("shirt", 2, 1000));
        member.At(TestClock.Start + Window);

        var ret = member.Return(purchase.TransactionId, ("shirt", 1));

        Assert.Equal((100L, 0L), (ret.Points, ret.PendingCancelled));
        Assert.Equal(new Balance(Available: 100, LifetimeEarned: 200, LifetimeReversed: 100), member.Balance);
    }

    [Fact]
    public void Zero_pending_period_makes_points_available_at_once()
    {
        var member = MemberWithReturnWindow(TimeSpan.Zero);

        var purchase = member.Buy(new Basket().Line("jacket", 1, 1000));

        Assert.Null(purchase.PendingUntil);
        Assert.Equal(new Balance(Available: 100, LifetimeEarned: 100), member.Balance);
        Assert.Empty(member.State.PendingUntil);
    }

    [Fact]
    public void Offline_purchase_whose_window_has_already_passed_is_available_at_once()
    {
        var member = TestMember.Enrolled(new RulesBuilder()
            .Earning(new EarningRules { PendingPeriod = TimeSpan.FromDays(2) })
            .Rules);

        var purchase = member.Buy(new Basket().Line("jacket", 1, 1000), occurredAt: TestClock.Start.AddDays(-3));

        Assert.Null(purchase.PendingUntil);
        Assert.Equal(new Balance(Available: 100, LifetimeEarned: 100), member.Balance);
    }

    [Fact]
    public void Offline_purchase_is_pending_until_its_own_occurred_at_plus_the_window()
    {
        var member = MemberWithReturnWindow(Window);
        var occurredAt = TestClock.Start.AddDays(-3);

        var purchase = member.Buy(new Basket().Line("jacket", 1, 1000), occurredAt);

        Assert.Equal(occurredAt + Window, purchase.PendingUntil);
        Assert.Empty(member.At(occurredAt + Window - TimeSpan.FromMinutes(1)));
        Assert.IsType<PointsMatured>(Assert.Single(member.At(occurredAt + Window)));
    }
}
