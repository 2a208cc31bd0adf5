using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Rewards;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Orleans.Core.Internal;

namespace LoyaltyGrid.Grains.Tests;

/// <summary>A reward grain in a two-silo cluster: what a debit of unknown outcome leaves behind is finished, never half-done.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RewardGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Reservations_left_by_lost_debits_are_debited_or_given_back_by_the_next_redemption()
    {
        var (program, key, _) = await CrashedReservationsAsync(null);
        var (alice, carol, bob) = ("alice", "carol", "bob");
        var grain = fixture.Grains.GetGrain<IRewardGrain>(key);

        var bobs = (await grain.Redeem(new RedeemReward("req-b", program, bob, "coffee"))).Unwrap();
        var alicesRetry = (await grain.Redeem(new RedeemReward("req-a", program, alice, "coffee"))).Unwrap();
        var carolsRetry = await grain.Redeem(new RedeemReward("req-c", program, carol, "coffee"));
        var view = (await grain.View(null))!;
        var aliceAfter = (await Member(program, alice).Get()).Unwrap().Balance;
        var carolAfter = (await Member(program, carol).Get()).Unwrap().Balance;
        var aliceCode = await fixture.Grains.GetGrain<IRewardCodeGrain>(CouponKey.For(program, "coffee.AAAAAAAAAA")).Check();

        // Alice's debit went through once (her retry is a replay of it); carol's was refused, so her unit went back
        // and bob took it; carol's retry is decided again, and now the stock is gone.
        Assert.Equal((RedemptionStatus.Issued, 700L), (alicesRetry.Status, alicesRetry.AvailableAfter));
        Assert.Equal("coffee.AAAAAAAAAA", alicesRetry.Code);
        Assert.Equal((RedemptionStatus.Issued, 700L), (bobs.Status, bobs.AvailableAfter));
        Assert.Equal((ErrorKind.FailedPrecondition, "REWARD_OUT_OF_STOCK"), (carolsRetry.Error!.Kind, carolsRetry.Error.Reason));
        Assert.Equal(0L, view.StockLeft);
        Assert.Equal((700L, 300L), (aliceAfter.Available, aliceAfter.LifetimeRedeemed));
        Assert.Equal((0L, 0L), (carolAfter.Available, carolAfter.LifetimeRedeemed));
        Assert.Equal((alice, false, false), (aliceCode!.Terms.MemberId, aliceCode.Used, aliceCode.Cancelled));
    }

    [Fact]
    public async Task Reservations_left_by_lost_debits_are_finished_when_the_reward_is_woken_with_no_redemption_after_them()
    {
        var (program, key, now) = await CrashedReservationsAsync(new WakeUp(fixture.Time.GetUtcNow() + RewardBook.ReservationRetryAfter));
        var (alice, carol, bob) = ("alice", "carol", "bob");
        var streamId = RewardKey.StreamOf(key);
        var dueBefore = await fixture.Store.ReadDueWakeUpsAsync(now + RewardBook.ReservationRetryAfter, 10_000, CancellationToken.None);
        var grain = fixture.Grains.GetGrain<IRewardGrain>(key);

        await grain.WakeUp(); // what the wake-up service does once the time has come

        var view = (await grain.View(null))!;
        var aliceAfter = (await Member(program, alice).Get()).Unwrap().Balance;
        var aliceCode = await fixture.Grains.GetGrain<IRewardCodeGrain>(CouponKey.For(program, "coffee.AAAAAAAAAA")).Check();
        var carolsRetry = (await grain.Redeem(new RedeemReward("req-c", program, carol, "coffee"))).Error;
        var dueAfter = await fixture.Store.ReadDueWakeUpsAsync(now + TimeSpan.FromDays(365), 10_000, CancellationToken.None);
        var bobs = (await grain.Redeem(new RedeemReward("req-b", program, bob, "coffee"))).Unwrap();
        var dueAfterARedemption = await fixture.Store.ReadDueWakeUpsAsync(now + TimeSpan.FromDays(365), 10_000, CancellationToken.None);

        Assert.Contains(streamId, dueBefore);
        // Alice's debit went through, her code is issued and accepted; carol's was refused, so her unit went back.
        Assert.Equal((700L, 300L), (aliceAfter.Available, aliceAfter.LifetimeRedeemed));
        Assert.Equal((alice, false, false), (aliceCode!.Terms.MemberId, aliceCode.Used, aliceCode.Cancelled));
        Assert.Equal(1L, view.StockLeft);
        Assert.Equal("INSUFFICIENT_POINTS", carolsRetry!.Reason);
        // Nothing is left reserved, so the reward is no longer due; a redemption finished at once sets no wake-up either.
        Assert.DoesNotContain(streamId, dueAfter);
        Assert.Equal(RedemptionStatus.Issued, bobs.Status);
        Assert.DoesNotContain(streamId, dueAfterARedemption);
    }

    [Fact]
    public async Task A_reward_reactivated_from_its_snapshot_keeps_its_stock_holdings_and_remembered_requests()
    {
        var program = NewId();
        (await fixture.Grains.GetGrain<IProgramGrain>(program).Create(new CreateProgram(NewId(), program, "Shop", "EUR", 10, null, null, null))).Unwrap();
        var members = Enumerable.Range(1, 7).Select(i => $"m{i}").ToArray();
        foreach (var member in members)
        {
            (await Member(program, member).Enroll(new EnrollMember(NewId(), program, member, null))).Unwrap();
            (await Member(program, member).AdjustPoints(new AdjustPoints(NewId(), program, member, "admin", 1_000, AdjustmentReason.Goodwill,
                "welcome", null))).Unwrap();
        }
        var key = RewardKey.For(program, "coffee");
        var grain = fixture.Grains.GetGrain<IRewardGrain>(key);
        var now = fixture.Time.GetUtcNow();
        (await grain.Define(new DefineReward(NewId(), program, true, "admin", "coffee", "Coffee", "", RewardKind.FixedDiscount, 300, null,
            500, 0, null, null, 0, null, 20, 2, now, null, [], TimeSpan.FromDays(30)))).Unwrap();
        // 1 definition + 7 × (reserved, issued) = 15 events: snapshots at 5, 10 and 15 (the cluster's SnapshotEvery is 5).
        var codes = new List<string>();
        foreach (var member in members)
        {
            codes.Add((await grain.Redeem(new RedeemReward($"req-{member}", program, member, "coffee"))).Unwrap().Code);
        }
        StoredSnapshot? snapshot = null;
        for (var i = 0; i < 50 && snapshot is not { Sequence: 15 }; i++)
        {
            await Task.Delay(100); // written off the grain's turn
            snapshot = await fixture.Store.ReadSnapshotAsync(RewardKey.StreamOf(key), CancellationToken.None);
        }
        Assert.Equal(15, snapshot?.Sequence);

        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);
        var view = (await grain.View("m1"))!;
        var retry = (await grain.Redeem(new RedeemReward("req-m1", program, "m1", "coffee"))).Unwrap();
        var second = (await grain.Redeem(new RedeemReward("req-m1-again", program, "m1", "coffee"))).Unwrap();
        var third = await grain.Redeem(new RedeemReward("req-m1-third", program, "m1", "coffee"));

        Assert.Equal((13L, 1), (view.StockLeft, view.MemberTaken));
        Assert.Equal(codes[0], retry.Code); // remembered: the same redemption, not a second one
        Assert.NotEqual(codes[0], second.Code);
        Assert.Equal((ErrorKind.FailedPrecondition, "REWARD_LIMIT_REACHED"), (third.Error!.Kind, third.Error.Reason));
        Assert.Equal(12L, (await grain.View(null))!.StockLeft);
    }

    /// <summary>
    /// A program with alice and bob (1,000 points each) and carol (none), and a coffee reward (stock 2, 300 points) as a
    /// silo that crashed after making alice's and carol's reservations durable, before their debits were known, left it
    /// (with <paramref name="wakeUp"/>, as the reserving commit writes it).
    /// </summary>
    private async Task<(string Program, string RewardKey, DateTimeOffset Now)> CrashedReservationsAsync(WakeUp? wakeUp)
    {
        var program = NewId();
        (await fixture.Grains.GetGrain<IProgramGrain>(program).Create(new CreateProgram(NewId(), program, "Shop", "EUR", 10, null, null, null))).Unwrap();
        var (alice, carol, bob) = ("alice", "carol", "bob");
        foreach (var member in new[] { alice, carol, bob })
        {
            (await Member(program, member).Enroll(new EnrollMember(NewId(), program, member, null))).Unwrap();
        }
        foreach (var member in new[] { alice, bob })
        {
            (await Member(program, member).AdjustPoints(new AdjustPoints(NewId(), program, member, "admin", 1_000, AdjustmentReason.Goodwill,
                "welcome", null))).Unwrap();
        }
        var now = fixture.Time.GetUtcNow();
        var reward = new Reward("coffee", "Coffee", "", RewardKind.FixedDiscount, 300, null, 500, 0, null, null, 0, null, 2, 0, now, null, [],
            TimeSpan.FromDays(30));
        var key = RewardKey.For(program, "coffee");
        await fixture.Store.AppendAsync([new StreamAppend(RewardKey.StreamOf(key), 1,
        [
            RewardEventCodec.Instance.Encode(new RewardDefined(reward, "admin") { RequestId = "/req-def", Fingerprint = "2:fp", At = now }),
            RewardEventCodec.Instance.Encode(new RewardReserved("coffee.AAAAAAAAAA", alice, 300, now.AddDays(30))
                { RequestId = "alice/req-a", Fingerprint = Fingerprint.Of(new RedeemReward("req-a", program, alice, "coffee")), At = now }),
            RewardEventCodec.Instance.Encode(new RewardReserved("coffee.CCCCCCCCCC", carol, 300, now.AddDays(30))
                { RequestId = "carol/req-c", Fingerprint = Fingerprint.Of(new RedeemReward("req-c", program, carol, "coffee")), At = now }),
        ], wakeUp)], CancellationToken.None);
        return (program, key, now);
    }

    private IMemberGrain Member(string program, string member) => fixture.Grains.GetGrain<IMemberGrain>(MemberKey.For(program, member));

    private static string NewId() => Guid.NewGuid().ToString("N")[..20];
}
