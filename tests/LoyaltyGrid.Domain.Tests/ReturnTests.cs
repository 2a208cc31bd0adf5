using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

public sealed class ReturnTests
{
    [Fact]
    public void Return_of_half_the_basket_reverses_half_the_points()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().InCurrency("EUR", 10));
        var purchase = member.Buy(new Basket().Line("shirt", 2, 2000).Line("socks", 4, 500)); // 60.00 EUR, 600 points

        var decision = member.Handle(member.ReturnOf(purchase.TransactionId, ("shirt", 1), ("socks", 2)));

        var ret = Assert.IsType<ReturnRecorded>(Assert.Single(decision.NewEvents));
        var expectedBalance = new Balance(Available: 300, LifetimeEarned: 600, LifetimeReversed: 300);
        AssertJson.Equal(
            new ReturnRecorded(ret.ReturnId, purchase.TransactionId, ret.Lines, 3000, 300, 0, "merchant-1", "store-1", "till-1")
            {
                RequestId = ret.RequestId,
                Fingerprint = ret.Fingerprint,
                OccurredAt = TestClock.Start,
                RecordedAt = TestClock.Start,
                BalanceAfter = expectedBalance,
                Reversed = [new PointsComponent(MemberAccount.BaseRateRule, null, 300, "300 points of base-rate reversed")],
                KeptQualifyingMinor = 3000,
                FullyReturned = false,
            },
            ret);
        Assert.Equal([new ReturnLine("shirt", 1), new ReturnLine("socks", 2)], ret.Lines);
        Assert.StartsWith("ret_", ret.ReturnId, StringComparison.Ordinal);
        Assert.Equal(expectedBalance, member.Balance);
        var record = member.State.Purchases[purchase.TransactionId];
        Assert.Equal((3000L, 300L), (record.Returns!.ReturnedMinor, record.ReversedPoints));
        Assert.Equal(new Dictionary<string, long> { ["shirt"] = 1, ["socks"] = 2 }, record.Returns.ReturnedQuantities);
    }

    [Fact]
    public void Return_reverses_the_points_the_returned_line_earned()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().InCurrency("EUR", 10));
        var purchase = member.Buy(new Basket().Line("big", 1, 3333).Line("small", 1, 1)); // 33.34 EUR, 333 points

        var ret = member.Return(purchase.TransactionId, ("big", 1));

        // The purchase rounds 333.4 down to 333 once; "big" earned 333.3 of them, so it carries all 333 and
        // "small" (0.1 points) none: returning "big" takes back 333 and returning "small" later takes back 0.
        Assert.Equal((3333L, 333L, 0L), (ret.RefundMinor, ret.Points, ret.WrittenOff));
        Assert.Equal((1L, 0L), (member.Return(purchase.TransactionId, ("small", 1)) is var small ? (small.RefundMinor, small.Points) : default));
    }

    [Fact]
    public void Partial_returns_in_pieces_reverse_exactly_what_was_earned()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().InCurrency("EUR", 1));
        var purchase = member.Buy(new Basket().Line("item", 3, 334)); // 10.02 EUR, 10 points

        var reversed = Enumerable.Range(0, 3).Select(_ => member.Return(purchase.TransactionId, ("item", 1)).Points).ToArray();

        // Rounding down each third alone would give 3 + 3 + 3 = 9; the running share gives exactly 10.
        Assert.Equal([3L, 3L, 4L], reversed);
        Assert.Equal(new Balance(Available: 0, LifetimeEarned: 10, LifetimeReversed: 10), member.Balance);
    }

    [Fact]
    public void Partial_returns_never_reverse_more_than_the_purchase_earned()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().InCurrency("EUR", 7));
        var purchase = member.Buy(new Basket().Line("a", 3, 149).Line("b", 2, 99).Line("c", 5, 1)); // 6.50 EUR, 45 points
        Assert.Equal(45L, purchase.Points);

        var total = 0L;
        foreach (var (sku, quantity) in new[] { ("c", 1L), ("a", 1L), ("b", 1L), ("c", 2L), ("a", 1L), ("b", 1L), ("c", 2L), ("a", 1L) })
        {
            total += member.Return(purchase.TransactionId, (sku, quantity)).Points;
            Assert.InRange(total, 0, purchase.Points);
        }

        Assert.Equal(purchase.Points, total);
        Assert.Equal(purchase.Points, member.State.Purchases[purchase.TransactionId].ReversedPoints);
    }

    [Fact]
    public void Returning_more_than_was_bought_is_refused()
    {
        var member = TestMember.Enrolled();
        var purchase = member.Buy(new Basket().Line("item", 2, 1000));

        Assert.Equal(Refusal.Precondition("RETURN_EXCEEDS_PURCHASE"), member.Refuses(member.ReturnOf(purchase.TransactionId, ("item", 3))));
    }

    [Fact]
    public void Returning_more_than_is_left_after_an_earlier_return_is_refused()
    {
        var member = TestMember.Enrolled();
        var purchase = member.Buy(new Basket().Line("item", 2, 1000));
        member.Return(purchase.TransactionId, ("item", 1));

        Assert.Equal(Refusal.Precondition("RETURN_EXCEEDS_PURCHASE"), member.Refuses(member.ReturnOf(purchase.TransactionId, ("item", 2))));
        member.Return(purchase.TransactionId, ("item", 1));
        Assert.Equal(Refusal.Precondition("RETURN_EXCEEDS_PURCHASE"), member.Refuses(member.ReturnOf(purchase.TransactionId, ("item", 1))));
    }

    [Fact]
    public void Returning_a_sku_that_was_not_bought_in_the_transaction_is_refused()
    {
        var member = TestMember.Enrolled();
        var purchase = member.Buy(new Basket().Line("item", 2, 1000));

        Assert.Equal(
            Refusal.Precondition("SKU_NOT_IN_TRANSACTION"),
            member.Refuses(member.ReturnOf(purchase.TransactionId, ("item", 1), ("other", 1))));
    }

    [Fact]
    public void Return_against_an_unknown_transaction_is_not_found()
    {
        var member = TestMember.Enrolled();
        member.Buy(new Basket().Line("item", 2, 1000));

        Assert.Equal(Refusal.NotFound("TRANSACTION_NOT_FOUND"), member.Refuses(member.ReturnOf("tx_unknown", ("item", 1))));
    }

    [Fact]
    public void Return_against_another_members_transaction_is_not_found()
    {
        var alice = TestMember.Enrolled(memberId: "alice");
        var bob = TestMember.Enrolled(memberId: "bob");
        var purchase = alice.Buy(new Basket().Line("item", 2, 1000));

        Assert.Equal(Refusal.NotFound("TRANSACTION_NOT_FOUND"), bob.Refuses(bob.ReturnOf(purchase.TransactionId, ("item", 1))));
    }

    [Fact]
    public void Return_older_than_the_offline_window_is_refused()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().AcceptingOfflineFor(TimeSpan.FromDays(1)));
        var purchase = member.Buy(new Basket().Line("item", 2, 1000));

        var command = member.ReturnOf(purchase.TransactionId, TestClock.Start.AddDays(-2), ("item", 1));

        Assert.Equal(Refusal.Precondition("OUTSIDE_OFFLINE_WINDOW"), member.Refuses(command));
    }

    [Fact]
    public void Return_of_spent_points_without_negative_balances_takes_what_is_available_and_writes_off_the_rest()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().InCurrency("EUR", 10).WithoutNegativeBalances());
        var purchase = member.Buy(new Basket().Line("item", 2, 1000)); // 200 points
        member.Capture(member.Authorize(150).HoldId);

        var ret = member.Return(purchase.TransactionId, ("item", 2));

        var expected = new Balance(Available: 0, LifetimeEarned: 200, LifetimeRedeemed: 150, LifetimeReversed: 50);
        Assert.Equal((2000L, 50L, 150L, expected), (ret.RefundMinor, ret.Points, ret.WrittenOff, ret.BalanceAfter));
        Assert.Equal(expected, member.Balance);
        Assert.Equal(200L, member.State.Purchases[purchase.TransactionId].ReversedPoints);
    }

    [Fact]
    public void Return_without_negative_balances_leaves_held_points_alone()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().InCurrency("EUR", 10).WithoutNegativeBalances());
        var purchase = member.Buy(new Basket().Line("item", 2, 1000)); // 200 points
        member.Authorize(150);

        var ret = member.Return(purchase.TransactionId, ("item", 2));

        Assert.Equal((50L, 150L), (ret.Points, ret.WrittenOff));
        Assert.Equal(new Balance(Available: 0, Held: 150, LifetimeEarned: 200, LifetimeReversed: 50), member.Balance);
    }

    [Fact]
    public void Return_written_off_once_is_not_taken_again_by_the_next_piece()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().InCurrency("EUR", 10).WithoutNegativeBalances());
        var purchase = member.Buy(new Basket().Line("item", 2, 1000)); // 200 points
        member.Capture(member.Authorize(200).HoldId);
        var first = member.Return(purchase.TransactionId, ("item", 1));
        member.Buy(new Basket().Line("other", 1, 5000)); // 500 more points

        var second = member.Return(purchase.TransactionId, ("item", 1));

        Assert.Equal((0L, 100L), (first.Points, first.WrittenOff));
        Assert.Equal((100L, 0L), (second.Points, second.WrittenOff));
        Assert.Equal(400L, member.Balance.Available);
    }

    [Fact]
    public void Return_of_spent_points_with_negative_balances_goes_negative_and_the_next_purchase_repays_it_first()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().InCurrency("EUR", 10).WithNegativeBalances());
        var purchase = member.Buy(new Basket().Line("item", 2, 1000)); // 200 points
        member.Capture(member.Authorize(150).HoldId);

        var ret = member.Return(purchase.TransactionId, ("item", 2));

        Assert.Equal((200L, 0L), (ret.Points, ret.WrittenOff));
        Assert.Equal(new Balance(Available: -150, LifetimeEarned: 200, LifetimeRedeemed: 150, LifetimeReversed: 200), member.Balance);
        Assert.Equal(Refusal.Precondition("INSUFFICIENT_POINTS"), member.Refuses(member.AuthorizationOf(1)));

        member.Buy(new Basket().Line("other", 1, 1000)); // 100 points: all of it repays the debt
        Assert.Equal(new Balance(Available: -50, LifetimeEarned: 300, LifetimeRedeemed: 150, LifetimeReversed: 200), member.Balance);

        member.Buy(new Basket().Line("other", 1, 1000));
        Assert.Equal(new Balance(Available: 50, LifetimeEarned: 400, LifetimeRedeemed: 150, LifetimeReversed: 200), member.Balance);
    }

    [Fact]
    public void Return_of_free_items_reverses_nothing()
    {
        var member = TestMember.Enrolled();
        var purchase = member.Buy(new Basket().Line("gift", 1, 0).Line("item", 1, 1000));

        var ret = member.Return(purchase.TransactionId, ("gift", 1));

        Assert.Equal((0L, 0L, 0L), (ret.RefundMinor, ret.Points, ret.WrittenOff));
        Assert.Equal(new Balance(Available: 100, LifetimeEarned: 100), member.Balance);
    }

    [Fact]
    public void Return_of_a_purchase_that_cost_nothing_reverses_nothing()
    {
        var member = TestMember.Enrolled();
        var purchase = member.Buy(new Basket().Line("gift", 1, 0));

        var ret = member.Return(purchase.TransactionId, ("gift", 1));

        Assert.Equal((0L, 0L), (ret.Points, ret.WrittenOff));
        Assert.Equal(Balance.Zero, member.Balance);
    }

    [Fact]
    public void Return_releases_expired_holds_before_deciding_what_to_take()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().InCurrency("EUR", 10).WithoutNegativeBalances());
        var purchase = member.Buy(new Basket().Line("item", 2, 1000)); // 200 points
        var hold = member.Authorize(150);
        member.Now = hold.ExpiresAt;

        var decision = member.Handle(member.ReturnOf(purchase.TransactionId, ("item", 2)));

        Assert.Equal(2, decision.NewEvents.Count);
        Assert.IsType<RedemptionReleased>(decision.NewEvents[0]);
        var ret = Assert.IsType<ReturnRecorded>(decision.NewEvents[1]);
        Assert.Equal((200L, 0L), (ret.Points, ret.WrittenOff));
        Assert.Equal(new Balance(Available: 0, LifetimeEarned: 200, LifetimeReversed: 200), member.Balance);
    }
}
