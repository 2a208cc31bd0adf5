using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

public sealed class RedemptionTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    // 1000 points to spend.
    private readonly TestMember member = TestMember.Enrolled(new ProgramBuilder().InCurrency("EUR", 10).HoldingFor(Ttl));

    public RedemptionTests() => member.Buy(new Basket().Line("item", 1, 10_000));

    [Fact]
    public void Authorizing_more_than_available_is_refused_with_insufficient_points()
    {
        var error = member.RefusesWithError(member.AuthorizationOf(1001));

        Assert.Equal(Refusal.Precondition("INSUFFICIENT_POINTS"), Refusal.Of(error));
        Assert.Contains("1000 points available, 1001 requested", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Held_points_are_not_available_for_a_second_authorization()
    {
        member.Authorize(600);

        Assert.Equal(Refusal.Precondition("INSUFFICIENT_POINTS"), member.Refuses(member.AuthorizationOf(401)));
        member.Authorize(400);
        Assert.Equal(new Balance(Available: 0, Held: 1000, LifetimeEarned: 1000), member.Balance);
    }

    [Fact]
    public void Authorization_moves_points_from_available_to_held_until_the_hold_expires()
    {
        var decision = member.Handle(member.AuthorizationOf(300));

        var hold = Assert.IsType<RedemptionAuthorized>(Assert.Single(decision.NewEvents));
        var expected = new Balance(Available: 700, Held: 300, LifetimeEarned: 1000);
        Assert.Equal(
            new RedemptionAuthorized(hold.HoldId, 300, TestClock.Start + Ttl, "merchant-1", "store-1", "till-1")
            {
                RequestId = hold.RequestId,
                Fingerprint = hold.Fingerprint,
                OccurredAt = TestClock.Start,
                RecordedAt = TestClock.Start,
                BalanceAfter = expected,
            },
            hold);
        Assert.StartsWith("hold_", hold.HoldId, StringComparison.Ordinal);
        Assert.Equal(expected, member.Balance);
        Assert.Equal(new HoldRecord(hold.HoldId, 300, TestClock.Start + Ttl, HoldStatus.Open, "merchant-1"), member.State.Holds[hold.HoldId]);
        Assert.Equal(TestClock.Start + Ttl, member.State.NextDue(member.Rules));
    }

    [Fact]
    public void Capture_takes_the_held_points_and_counts_them_as_redeemed()
    {
        var hold = member.Authorize(300);

        var capture = member.Capture(hold.HoldId);

        var expected = new Balance(Available: 700, Held: 0, LifetimeEarned: 1000, LifetimeRedeemed: 300);
        Assert.Equal((hold.HoldId, 300L, expected), (capture.HoldId, capture.Points, capture.BalanceAfter));
        Assert.Equal(expected, member.Balance);
        Assert.Equal(HoldStatus.Captured, member.State.Holds[hold.HoldId].Status);
        Assert.Null(member.State.NextDue(member.Rules));
    }

    [Fact]
    public void Void_gives_the_held_points_back()
    {
        var hold = member.Authorize(300);

        var release = member.Void(hold.HoldId);

        var expected = new Balance(Available: 1000, LifetimeEarned: 1000);
        Assert.Equal((hold.HoldId, 300L, HoldReleaseReason.Voided, expected), (release.HoldId, release.Points, release.Reason, release.BalanceAfter));
        Assert.Equal(expected, member.Balance);
        Assert.Equal(HoldStatus.Voided, member.State.Holds[hold.HoldId].Status);
    }

    [Fact]
    public void Capture_after_void_is_refused_as_voided()
    {
        var hold = member.Authorize(300);
        member.Void(hold.HoldId);

        Assert.Equal(Refusal.Precondition("HOLD_VOIDED"), member.Refuses(member.CaptureOf(hold.HoldId)));
        Assert.Equal(Refusal.Precondition("HOLD_VOIDED"), member.Refuses(member.VoidOf(hold.HoldId)));
    }

    [Fact]
    public void Void_after_capture_is_refused_as_already_captured()
    {
        var hold = member.Authorize(300);
        member.Capture(hold.HoldId);

        Assert.Equal(Refusal.Precondition("HOLD_ALREADY_CAPTURED"), member.Refuses(member.VoidOf(hold.HoldId)));
        Assert.Equal(Refusal.Precondition("HOLD_ALREADY_CAPTURED"), member.Refuses(member.CaptureOf(hold.HoldId)));
    }

    [Fact]
    public void Unknown_hold_is_not_found()
    {
        Assert.Equal(Refusal.NotFound("HOLD_NOT_FOUND"), member.Refuses(member.CaptureOf("hold_unknown")));
        Assert.Equal(Refusal.NotFound("HOLD_NOT_FOUND"), member.Refuses(member.VoidOf("hold_unknown")));
    }

    [Fact]
    public void Capture_just_before_expiry_succeeds()
    {
        var hold = member.Authorize(300);
        member.Now = hold.ExpiresAt.AddTicks(-1);

        member.Capture(hold.HoldId);

        Assert.Equal(new Balance(Available: 700, LifetimeEarned: 1000, LifetimeRedeemed: 300), member.Balance);
    }

    [Fact]
    public void Capture_or_void_at_or_after_expiry_is_refused_as_expired()
    {
        var hold = member.Authorize(300);
        member.Now = hold.ExpiresAt;

        Assert.Equal(Refusal.Precondition("HOLD_EXPIRED"), member.Refuses(member.CaptureOf(hold.HoldId)));
        Assert.Equal(Refusal.Precondition("HOLD_EXPIRED"), member.Refuses(member.VoidOf(hold.HoldId)));
        member.Advance(TimeSpan.FromHours(1));
        Assert.Equal(Refusal.Precondition("HOLD_EXPIRED"), member.Refuses(member.CaptureOf(hold.HoldId)));
    }

    [Fact]
    public void Expiring_holds_before_their_time_releases_nothing()
    {
        var hold = member.Authorize(300);
        member.Now = hold.ExpiresAt.AddTicks(-1);

        Assert.Empty(member.ExpireHolds());
        Assert.Equal(new Balance(Available: 700, Held: 300, LifetimeEarned: 1000), member.Balance);
    }

    [Fact]
    public void Expiring_holds_releases_each_expired_hold_with_reason_expired()
    {
        var early = member.Authorize(300);
        member.Advance(TimeSpan.FromMinutes(5));
        var late = member.Authorize(200);
        member.Now = early.ExpiresAt;

        var released = Assert.IsType<RedemptionReleased>(Assert.Single(member.ExpireHolds()));

        Assert.Equal(
            new RedemptionReleased(early.HoldId, 300, HoldReleaseReason.Expired)
            {
                OccurredAt = early.ExpiresAt,
                RecordedAt = early.ExpiresAt,
                BalanceAfter = new Balance(Available: 800, Held: 200, LifetimeEarned: 1000),
                MerchantId = "merchant-1",
            },
            released);
        Assert.Equal(HoldStatus.Expired, member.State.Holds[early.HoldId].Status);
        Assert.Equal(late.ExpiresAt, member.State.NextDue(member.Rules));

        member.Now = late.ExpiresAt.AddMinutes(1);
        var second = Assert.IsType<RedemptionReleased>(Assert.Single(member.ExpireHolds()));
        Assert.Equal((late.HoldId, late.ExpiresAt, member.Now), (second.HoldId, second.OccurredAt, second.RecordedAt));
        Assert.Equal(new Balance(Available: 1000, LifetimeEarned: 1000), member.Balance);
        Assert.Empty(member.ExpireHolds());
    }

    [Fact]
    public void Expired_holds_are_released_without_a_request_and_are_not_remembered_as_one()
    {
        var hold = member.Authorize(300);
        member.Now = hold.ExpiresAt;
        var requests = member.State.Requests.Count;

        var released = Assert.Single(member.ExpireHolds());

        Assert.Equal((null, null), (released.RequestId, released.Fingerprint));
        Assert.Equal(requests, member.State.Requests.Count);
    }

    [Fact]
    public void Capture_after_the_expired_hold_was_released_is_refused_as_expired()
    {
        var hold = member.Authorize(300);
        member.Now = hold.ExpiresAt;
        member.ExpireHolds();

        Assert.Equal(Refusal.Precondition("HOLD_EXPIRED"), member.Refuses(member.CaptureOf(hold.HoldId)));
    }

    [Fact]
    public void Authorization_after_a_hold_expired_first_releases_it_in_the_same_decision()
    {
        var expired = member.Authorize(800);
        member.Now = expired.ExpiresAt;

        var decision = member.Handle(member.AuthorizationOf(900));

        Assert.Equal(2, decision.NewEvents.Count);
        var release = Assert.IsType<RedemptionReleased>(decision.NewEvents[0]);
        var hold = Assert.IsType<RedemptionAuthorized>(decision.NewEvents[1]);
        Assert.Same(hold, decision.Result);
        Assert.Equal(
            (expired.HoldId, HoldReleaseReason.Expired, null as string, new Balance(Available: 1000, LifetimeEarned: 1000)),
            (release.HoldId, release.Reason, release.RequestId, release.BalanceAfter));
        Assert.Equal((900L, new Balance(Available: 100, Held: 900, LifetimeEarned: 1000)), (hold.Points, hold.BalanceAfter));
        Assert.Equal(hold.BalanceAfter, member.Balance);
        Assert.Equal(HoldStatus.Expired, member.State.Holds[expired.HoldId].Status);
    }

    [Fact]
    public void Authorization_refused_for_insufficient_points_does_not_release_expired_holds_either()
    {
        var expired = member.Authorize(800);
        member.Now = expired.ExpiresAt;

        Assert.Equal(Refusal.Precondition("INSUFFICIENT_POINTS"), member.Refuses(member.AuthorizationOf(1001)));
        Assert.Equal(HoldStatus.Open, member.State.Holds[expired.HoldId].Status);
    }

    [Fact]
    public void Purchase_after_a_hold_expired_releases_it_before_earning()
    {
        var expired = member.Authorize(800);
        member.Now = expired.ExpiresAt.AddMinutes(1);

        var decision = member.Handle(member.PurchaseOf(new Basket().Line("item", 1, 1000)));

        Assert.Collection(decision.NewEvents,
            e => Assert.Equal((expired.HoldId, HoldReleaseReason.Expired), (((RedemptionReleased)e).HoldId, ((RedemptionReleased)e).Reason)),
            e => Assert.Same(decision.Result, e));
        Assert.Equal(new Balance(Available: 1100, LifetimeEarned: 1100), member.Balance);
    }
}
