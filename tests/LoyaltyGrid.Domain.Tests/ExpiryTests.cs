using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>Points expiring lot by lot (oldest first) or all at once after inactivity.</summary>
public sealed class ExpiryTests
{
    private static readonly DateTimeOffset Start = TestClock.Start;

    private static RulesBuilder Program(ExpiryKind kind, int months) => new RulesBuilder().Expiry(kind, months);

    /// <summary>100 points earned at the start, 50 two months later.</summary>
    private static (TestMember Member, PurchaseRecorded First, PurchaseRecorded Second) TwoLots(RulesBuilder program)
    {
        var member = TestMember.Enrolled(program.Rules);
        var first = member.Buy(new Basket().Line("a", 1, 1000));
        member.At(Start.AddMonths(2));
        var second = member.Buy(new Basket().Line("b", 1, 500));
        return (member, first, second);
    }

    private static string Expired(IEnumerable<MemberEvent> events) =>
        string.Join("; ", events.OfType<PointsExpired>().Select(x => $"{x.Points}@{Show.Day(x.OccurredAt)} [{string.Join(",", x.LotIds)}]"));

    [Theory]
    [InlineData(12, -1, "", 150L)]                                                              // not yet
    [InlineData(12, 0, "100@2026-06-01 12:00 [first]", 50L)]                                    // exactly 12 months after it was earned
    [InlineData(14, -1, "100@2026-06-01 12:00 [first]", 50L)]
    [InlineData(14, 0, "100@2026-06-01 12:00 [first]; 50@2026-08-01 12:00 [second]", 0L)]       // found together, each dated on its own
    public void Fifo_lots_expire_the_set_number_of_months_after_they_were_earned(int months, int minutes, string expected, long expectedAvailable)
    {
        var (member, first, second) = TwoLots(Program(ExpiryKind.FifoLots, 12));

        var due = member.At(Start.AddMonths(months).AddMinutes(minutes));

        Assert.Equal(expected, Expired(due).Replace(first.TransactionId, "first").Replace(second.TransactionId, "second"));
        Assert.Equal(new Balance(Available: expectedAvailable, LifetimeEarned: 150, LifetimeExpired: 150 - expectedAvailable), member.Balance);
    }

    /// <summary>
    /// Found by ProgramRulesProperties: a balance driven below zero (a return of points already held and then spent)
    /// left no lots, but the next purchase's lot held all its points, more than the member had; when that lot's date
    /// passed, what it could not expire then expired later out of points earned since.
    /// </summary>
    [Fact]
    public void Points_earned_while_the_balance_is_below_zero_pay_the_debt_first_so_later_points_do_not_expire_early()
    {
        var member = TestMember.Enrolled(new RulesBuilder(allowNegativeBalance: true).Expiry(ExpiryKind.FifoLots, 2).Rules);
        var first = member.Buy(new Basket().Line("a", 1, 10_000));                        // 1,000 points
        var hold = member.Authorize(1_000);
        member.Return(first.TransactionId, ("a", 1));                                      // taken back while held
        member.Capture(hold.HoldId);                                                       // and spent: -1,000
        member.Buy(new Basket().Line("b", 1, 30_000));                                     // 3,000 points: 2,000 left
        Assert.Equal((2_000L, 2_000L), (member.Balance.Available, member.State.Lots.Sum(l => l.Remaining)));

        member.Advance(TimeSpan.FromDays(70));
        member.ApplyDue();                                                                 // the 2,000 expire
        var later = member.Buy(new Basket().Line("c", 1, 5_000));                          // 500 fresh points
        member.ApplyDue();

        Assert.Equal((500L, 2_000L), (member.Balance.Available, member.Balance.LifetimeExpired));
    }

    [Fact]
    public void Redemption_uses_the_oldest_lot_first_so_less_of_it_expires()
    {
        var (member, first, second) = TwoLots(Program(ExpiryKind.FifoLots, 12));
        member.At(Start.AddMonths(3));
        member.Capture(member.Authorize(80).HoldId);

        Assert.Equal($"20@{Show.Day(Start.AddMonths(12))} [{first.TransactionId}]", Expired(member.At(Start.AddMonths(12))));
        Assert.Equal($"50@{Show.Day(Start.AddMonths(14))} [{second.TransactionId}]", Expired(member.At(Start.AddMonths(14))));
        Assert.Equal(new Balance(LifetimeEarned: 150, LifetimeRedeemed: 80, LifetimeExpired: 70), member.Balance);
    }

    [Fact]
    public void A_return_takes_its_own_lot_first()
    {
        var (member, first, _) = TwoLots(Program(ExpiryKind.FifoLots, 12));

        member.ReturnAll(first);

        // The first lot is gone with its purchase: nothing is left to expire at 12 months, the second lot is whole.
        Assert.Equal("", Expired(member.At(Start.AddMonths(12))));
        Assert.Equal(new Balance(Available: 50, LifetimeEarned: 150, LifetimeReversed: 100), member.Balance);
    }

    [Fact]
    public void Expiry_is_a_ledger_line_taking_the_points_from_available()
    {
        var (member, _, _) = TwoLots(Program(ExpiryKind.FifoLots, 12));

        var expired = Assert.IsType<PointsExpired>(Assert.Single(member.At(Start.AddMonths(12))));

        var entry = Assert.Single(LedgerEntry.From(member.State.Version, expired));
        Assert.Equal(
            (LedgerEntryType.Expiry, -100L, -100L, 0L, 0L, "expiry", Start.AddMonths(12), Start.AddMonths(12)),
            (entry.Type, entry.Points, entry.AvailableDelta, entry.HeldDelta, entry.PendingDelta, entry.Rule, entry.OccurredAt, entry.RecordedAt));
        Assert.Equal(member.Balance, entry.BalanceAfter);
        var expiration = Assert.Single(member.State.Expirations);
        Assert.Equal((member.State.Version, Start.AddMonths(12), 100L, false), (expiration.ExpiryId, expiration.ExpiredAt, expiration.Points, expiration.Reinstated));
    }

    [Fact]
    public void Expiry_found_late_is_dated_when_it_fell_due()
    {
        var (member, _, _) = TwoLots(Program(ExpiryKind.FifoLots, 12));

        var expired = Assert.IsType<PointsExpired>(Assert.Single(member.At(Start.AddMonths(13))));

        Assert.Equal((Start.AddMonths(12), Start.AddMonths(13)), (expired.OccurredAt, expired.RecordedAt));
    }

    [Fact]
    public void Held_points_do_not_expire()
    {
        var member = TestMember.Enrolled(Program(ExpiryKind.FifoLots, 12).Rules);
        member.Buy(new Basket().Line("a", 1, 1000));
        member.At(Start.AddMonths(12).AddMinutes(-5));
        var hold = member.Authorize(100);

        var due = member.At(Start.AddMonths(12));

        Assert.Equal(0L, due.OfType<PointsExpired>().Sum(x => x.Points));
        Assert.Equal(new Balance(Held: 100, LifetimeEarned: 100), member.Balance);
        member.Capture(hold.HoldId);
        Assert.Equal(new Balance(LifetimeEarned: 100, LifetimeRedeemed: 100), member.Balance);
    }

    [Fact]
    public void Points_released_from_a_hold_after_their_lot_expired_expire_with_the_void()
    {
        var member = TestMember.Enrolled(Program(ExpiryKind.FifoLots, 12).Rules);
        member.Buy(new Basket().Line("a", 1, 1000));
        member.At(Start.AddMonths(12).AddMinutes(-5));
        var hold = member.Authorize(100);
        member.At(Start.AddMonths(12));

        var decision = member.Handle(member.VoidOf(hold.HoldId));

        Assert.Equal(100L, decision.NewEvents.OfType<PointsExpired>().Sum(x => x.Points));
        Assert.Equal(new Balance(LifetimeEarned: 100, LifetimeExpired: 100), member.Balance);
        Assert.Equal(member.Balance, decision.Result.BalanceAfter);
        Assert.Empty(member.At(Start.AddMonths(12).AddMinutes(1)));
    }

    [Fact]
    public void A_hold_on_the_oldest_lot_does_not_make_a_newer_lot_expire_early()
    {
        var (member, _, second) = TwoLots(Program(ExpiryKind.FifoLots, 12));
        member.At(Start.AddMonths(12).AddMinutes(-5));
        var hold = member.Authorize(100); // the first lot's 100 points, which a capture takes first

        Assert.Equal("", Expired(member.At(Start.AddMonths(12))));
        Assert.Equal(new Balance(Available: 50, Held: 100, LifetimeEarned: 150), member.Balance);
        member.Capture(hold.HoldId);
        Assert.Equal($"50@{Show.Day(Start.AddMonths(14))} [{second.TransactionId}]", Expired(member.At(Start.AddMonths(14))));
    }

    [Fact]
    public void Points_that_matured_after_their_lot_expiry_expire_in_the_same_due_run()
    {
        var member = TestMember.Enrolled(new RulesBuilder()
            .Earning(new EarningRules { PendingPeriod = TimeSpan.FromDays(14) })
            .Expiry(ExpiryKind.FifoLots, 1)
            .Rules);
        member.Buy(new Basket().Line("a", 1, 1000));

        // Nothing ran between maturity (14 days) and expiry (1 month); the next activity is 5 weeks in.
        var due = member.At(Start.AddDays(35));

        Assert.Equal(["PointsMatured", "PointsExpired"], due.Select(e => e.GetType().Name));
        Assert.Equal(new Balance(LifetimeEarned: 100, LifetimeExpired: 100), member.Balance);
        Assert.Equal(Refusal.Precondition("INSUFFICIENT_POINTS"), member.Refuses(member.AuthorizationOf(1)));
    }

    [Fact]
    public void Nothing_expires_while_the_balance_is_negative()
    {
        var member = TestMember.Enrolled(Program(ExpiryKind.FifoLots, 12).Rules);
        var first = member.Buy(new Basket().Line("a", 1, 1000));
        member.Capture(member.Authorize(100).HoldId);
        member.ReturnAll(first); // -100
        member.At(Start.AddMonths(1));
        member.Buy(new Basket().Line("b", 1, 500)); // -50: this lot only paid off part of the debt

        var due = member.At(Start.AddMonths(13));

        Assert.Equal(0L, due.OfType<PointsExpired>().Sum(x => x.Points));
        Assert.Equal(new Balance(Available: -50, LifetimeEarned: 150, LifetimeRedeemed: 100, LifetimeReversed: 100), member.Balance);
    }

    [Fact]
    public void An_expiry_that_takes_nothing_writes_no_statement_line()
    {
        var member = TestMember.Enrolled(Program(ExpiryKind.FifoLots, 12).Rules);
        var first = member.Buy(new Basket().Line("a", 1, 1000));
        member.Capture(member.Authorize(100).HoldId);
        member.ReturnAll(first);
        member.At(Start.AddMonths(1));
        member.Buy(new Basket().Line("b", 1, 500));

        member.At(Start.AddMonths(13));

        Assert.DoesNotContain(member.Statement(), e => e.Type == LedgerEntryType.Expiry);
    }

    [Theory]
    [InlineData(31, "")]
    [InlineData(30, "100@2026-06-01 12:00")]                         // the window's last moment is included
    [InlineData(25, "100@2026-06-01 12:00")]
    [InlineData(10, "100@2026-06-01 12:00; 50@2026-06-21 12:00")]
    public void Overview_shows_the_points_expiring_within_30_days_and_when(int daysBeforeFirstExpiry, string expected)
    {
        var member = TestMember.Enrolled(Program(ExpiryKind.FifoLots, 12).Rules);
        member.Buy(new Basket().Line("a", 1, 1000));
        member.At(Start.AddDays(20));
        member.Buy(new Basket().Line("b", 1, 500));
        member.At(Start.AddMonths(12).AddDays(-daysBeforeFirstExpiry));

        var overview = MemberOverview.Of(member.State, member.Rules, member.Now);

        Assert.Equal(expected, string.Join("; ", overview.Expiring.Select(x => $"{x.Points}@{Show.Day(x.ExpiresAt)}")));
    }

    [Fact]
    public void Overview_shows_only_what_is_left_of_a_lot_after_a_redemption()
    {
        var member = TestMember.Enrolled(Program(ExpiryKind.FifoLots, 12).Rules);
        member.Buy(new Basket().Line("a", 1, 1000));
        member.Capture(member.Authorize(30).HoldId);
        member.At(Start.AddMonths(12).AddDays(-1));

        Assert.Equal([new ExpiringPoints(70, Start.AddMonths(12))], MemberOverview.Of(member.State, member.Rules, member.Now).Expiring);
    }

    [Fact]
    public void Switching_the_policy_to_never_stops_expiry()
    {
        var program = Program(ExpiryKind.FifoLots, 12);
        var member = TestMember.Enrolled(program.Rules);
        member.Buy(new Basket().Line("a", 1, 1000));

        member.Rules = program.Expiry(ExpiryKind.Never, 0).Rules;

        Assert.Empty(member.At(Start.AddMonths(24)));
        Assert.Equal(new Balance(Available: 100, LifetimeEarned: 100), member.Balance);
        Assert.Empty(MemberOverview.Of(member.State, member.Rules, member.Now).Expiring);
        Assert.Null(member.State.NextDue(member.Rules));
    }

    public static TheoryData<string, int> Activities => new()
    {
        // What happened five months in, and how many months after the start all points expire.
        { "nothing", 6 },
        { "purchase", 11 },
        { "redemption", 11 },
        { "voided authorization", 6 }, // not a redemption
    };

    [Theory]
    [MemberData(nameof(Activities))]
    public void Inactivity_expires_all_available_points_months_after_the_last_purchase_or_redemption(string activity, int expiresAfterMonths)
    {
        var member = TestMember.Enrolled(Program(ExpiryKind.Inactivity, 6).Rules);
        member.Buy(new Basket().Line("a", 1, 1000));
        member.At(Start.AddMonths(5));
        switch (activity)
        {
            case "purchase": member.Buy(new Basket().Line("b", 1, 500)); break;
            case "redemption": member.Capture(member.Authorize(30).HoldId); break;
            case "voided authorization": member.Void(member.Authorize(30).HoldId); break;
        }
        var available = member.Balance.Available;
        var expiresAt = Start.AddMonths(expiresAfterMonths);

        Assert.Equal("", Expired(member.At(expiresAt.AddMinutes(-1))));
        var expired = Assert.IsType<PointsExpired>(Assert.Single(member.At(expiresAt)));

        Assert.Equal((available, ExpiryKind.Inactivity, expiresAt), (expired.Points, expired.Policy, expired.OccurredAt));
        Assert.Equal((0L, available), (member.Balance.Available, member.Balance.LifetimeExpired));
        Assert.Equal("expiry-inactivity", Assert.Single(LedgerEntry.From(member.State.Version, expired)).Rule);
    }

    [Fact]
    public void Overview_shows_when_inactivity_will_take_all_points()
    {
        var member = TestMember.Enrolled(Program(ExpiryKind.Inactivity, 6).Rules);
        member.Buy(new Basket().Line("a", 1, 1000));
        member.At(Start.AddMonths(6).AddDays(-20));

        Assert.Equal([new ExpiringPoints(100, Start.AddMonths(6))], MemberOverview.Of(member.State, member.Rules, member.Now).Expiring);
    }

    /// <summary>A program whose offline terminals upload up to 90 days late, with points expiring a month after they were earned.</summary>
    private static TestMember LateUploads(ExpiryKind kind = ExpiryKind.FifoLots)
    {
        var member = TestMember.Enrolled(new RulesBuilder(offlineWindow: TimeSpan.FromDays(90)).Expiry(kind, 1).Rules);
        member.At(Start.AddDays(60));
        return member;
    }

    [Theory]
    [InlineData(ExpiryKind.FifoLots)]
    [InlineData(ExpiryKind.Inactivity)]
    public void A_late_upload_whose_points_are_past_their_expiry_answers_with_them_expired_as_the_member_shows_next(ExpiryKind kind)
    {
        var member = LateUploads(kind);
        var command = member.PurchaseOf(new Basket().Line("tv", 1, 3000), occurredAt: member.Now.AddDays(-45));

        var decision = member.Handle(command);

        var purchase = Assert.IsType<PurchaseRecorded>(decision.Result);
        var expired = Assert.IsType<PointsExpired>(decision.NewEvents[^1]);
        Assert.Equal((300L, command.OccurredAt!.Value.AddMonths(1)), (expired.Points, expired.OccurredAt));
        Assert.Equal(new Balance(LifetimeEarned: 300, LifetimeExpired: 300), purchase.BalanceAfter);
        Assert.Equal(member.Balance, purchase.BalanceAfter);
        Assert.Empty(member.ApplyDue());
        // A retry answers as the first time did.
        Assert.Equal(purchase.BalanceAfter, member.Handle(command).Result.BalanceAfter);
    }
}
