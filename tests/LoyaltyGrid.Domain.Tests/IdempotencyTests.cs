using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

public sealed class IdempotencyTests
{
    private readonly TestMember member = TestMember.Enrolled();

    [Fact]
    public void Resent_purchase_is_a_replay_with_the_same_result_and_no_new_events()
    {
        var purchase = member.PurchaseOf(new Basket().Line("item", 2, 1250));
        var first = member.Handle(purchase);
        var balance = member.Balance;
        var version = member.State.Version;

        var retry = member.Handle(purchase);

        Assert.False(first.IsReplay);
        Assert.True(retry.IsReplay);
        Assert.Empty(retry.NewEvents);
        Assert.Equal(first.Result, retry.Result);
        var result = (PurchaseRecorded)retry.Result;
        Assert.Equal((((PurchaseRecorded)first.Result).TransactionId, new Balance(Available: 250, LifetimeEarned: 250)), (result.TransactionId, result.BalanceAfter));
        Assert.Equal((version, balance), (member.State.Version, member.Balance));
        Assert.Single(member.State.Purchases);
    }

    [Fact]
    public void Resent_request_built_anew_with_equal_content_is_a_replay()
    {
        var first = member.Handle(member.PurchaseOf(new Basket().Line("item", 2, 1250), requestId: "pos-42"));

        var retry = member.Handle(member.PurchaseOf(new Basket().Line("item", 2, 1250), requestId: "pos-42"));

        Assert.True(retry.IsReplay);
        Assert.Equal(first.Result, retry.Result);
    }

    [Fact]
    public void Resent_authorization_returns_the_same_hold_and_holds_the_points_once()
    {
        member.Buy(new Basket().Line("item", 1, 10_000));
        var authorize = member.AuthorizationOf(300);
        var first = (RedemptionAuthorized)member.Handle(authorize).Result;

        var retry = member.Handle(authorize);

        Assert.True(retry.IsReplay);
        Assert.Equal(first, retry.Result);
        Assert.Equal(new Balance(Available: 700, Held: 300, LifetimeEarned: 1000), member.Balance);
        Assert.Single(member.State.Holds);
    }

    [Fact]
    public void Resent_return_reverses_the_points_once()
    {
        var purchase = member.Buy(new Basket().Line("item", 4, 1000));
        var ret = member.ReturnOf(purchase.TransactionId, ("item", 2));
        var first = member.Handle(ret);

        var retry = member.Handle(ret);

        Assert.True(retry.IsReplay);
        Assert.Equal(first.Result, retry.Result);
        Assert.Equal(new Balance(Available: 200, LifetimeEarned: 400, LifetimeReversed: 200), member.Balance);
    }

    [Fact]
    public void Resent_capture_after_the_hold_was_captured_is_a_replay_not_a_refusal()
    {
        member.Buy(new Basket().Line("item", 1, 10_000));
        var hold = member.Authorize(300);
        var capture = member.CaptureOf(hold.HoldId);
        var first = member.Handle(capture);

        var retry = member.Handle(capture);

        Assert.True(retry.IsReplay);
        Assert.Equal(first.Result, retry.Result);
        Assert.Equal(new Balance(Available: 700, LifetimeEarned: 1000, LifetimeRedeemed: 300), member.Balance);
    }

    [Fact]
    public void Resent_request_is_answered_from_memory_even_after_the_state_moved_on()
    {
        member.Buy(new Basket().Line("item", 1, 10_000));
        var authorize = member.AuthorizationOf(300);
        var first = member.Handle(authorize);
        member.Advance(member.Program.HoldTtl);
        member.ExpireHolds();

        var retry = member.Handle(authorize);

        Assert.True(retry.IsReplay);
        Assert.Equal(first.Result, retry.Result);
        Assert.Equal(new Balance(Available: 1000, LifetimeEarned: 1000), member.Balance);
    }

    [Fact]
    public void Same_request_id_with_different_content_is_refused_as_reused()
    {
        member.Handle(member.PurchaseOf(new Basket().Line("item", 2, 1250), requestId: "pos-42"));

        var error = member.RefusesWithError(member.PurchaseOf(new Basket().Line("item", 3, 1250), requestId: "pos-42"));

        Assert.Equal(Refusal.AlreadyExists("REQUEST_ID_REUSED"), Refusal.Of(error));
        Assert.Contains("pos-42", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_request_id_for_another_kind_of_request_is_refused_as_reused()
    {
        member.Handle(member.PurchaseOf(new Basket().Line("item", 2, 1250), requestId: "pos-42"));

        Assert.Equal(Refusal.AlreadyExists("REQUEST_ID_REUSED"), member.Refuses(member.AuthorizationOf(10, requestId: "pos-42")));
    }

    [Fact]
    public void Void_reusing_the_request_id_of_a_capture_of_the_same_hold_is_refused_as_reused()
    {
        member.Buy(new Basket().Line("item", 1, 10_000));
        var hold = member.Authorize(300);
        member.Handle(member.CaptureOf(hold.HoldId, requestId: "pos-7"));

        Assert.Equal(Refusal.AlreadyExists("REQUEST_ID_REUSED"), member.Refuses(member.VoidOf(hold.HoldId, requestId: "pos-7")));
    }

    [Fact]
    public void Refused_request_is_not_remembered_so_it_can_succeed_when_resent_later()
    {
        var authorize = member.AuthorizationOf(100);
        Assert.Equal(Refusal.Precondition("INSUFFICIENT_POINTS"), member.Refuses(authorize));
        Assert.Equal((1L, Balance.Zero), (member.State.Version, member.Balance));

        member.Buy(new Basket().Line("item", 1, 10_000));
        var retry = member.Handle(authorize);

        Assert.False(retry.IsReplay);
        Assert.Equal(new Balance(Available: 900, Held: 100, LifetimeEarned: 1000), member.Balance);
    }

    [Fact]
    public void Forgotten_request_ids_count_as_new_requests()
    {
        member.State.RequestRetention = TimeSpan.FromDays(1);
        var purchase = member.PurchaseOf(new Basket().Line("item", 1, 1000));
        member.Handle(purchase);
        member.Advance(TimeSpan.FromDays(2));

        // Any later event forgets what is past the retention: no snapshot is needed for that.
        member.Handle(member.PurchaseOf(new Basket().Line("other", 1, 500)));
        var again = member.Handle(purchase);

        Assert.False(again.IsReplay);
        Assert.Equal(new Balance(Available: 250, LifetimeEarned: 250), member.Balance);
    }
}
