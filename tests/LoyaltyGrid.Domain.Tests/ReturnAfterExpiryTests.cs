using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>
/// A return takes back its share of what the purchase earned, but not what of it already expired: those points left
/// the member with the expiry. What was spent is still taken back (from the rest of the balance, or written off).
/// </summary>
public sealed class ReturnAfterExpiryTests
{
    private static readonly DateTimeOffset Start = TestClock.Start;

    /// <summary>Offline terminals upload up to 90 days late; points expire a month after they were earned.</summary>
    private static TestMember Member(ExpiryKind kind = ExpiryKind.FifoLots, TimeSpan? returnHorizon = null)
    {
        var member = TestMember.Enrolled(new RulesBuilder(offlineWindow: TimeSpan.FromDays(90), returnHorizon: returnHorizon).Expiry(kind, 1).Rules);
        member.At(Start.AddDays(60));
        return member;
    }

    [Fact]
    public void A_return_after_its_purchases_points_expired_takes_none_of_them_back()
    {
        var member = Member();
        var late = member.Buy(new Basket().Line("tv", 2, 1000), member.Now.AddDays(-45)); // 200 points, past their expiry
        member.ApplyDue();
        member.Buy(new Basket().Line("cable", 1, 500)); // 50 points

        var ret = member.Return(late.TransactionId, ("tv", 1));

        Assert.Equal((0L, 0L, 100L, "base-rate=100"), (ret.Points, ret.WrittenOff, ret.AlreadyExpired, Show.Components(ret.Reversed)));
        Assert.Equal(new Balance(Available: 50, LifetimeEarned: 250, LifetimeExpired: 200), member.Balance);
        Assert.Equal(member.Balance, ret.BalanceAfter);
        // The statement says why nothing came off: the share, and the part that had already expired.
        Assert.Equal(
            [("base-rate", -100L), ("already-expired", 100L)],
            LedgerEntry.From(member.State.Version, ret).Select(e => (e.Rule, e.AvailableDelta)));
    }

    [Fact]
    public void A_return_in_pieces_around_the_expiry_takes_back_only_what_had_not_expired()
    {
        var member = Member();
        var purchase = member.Buy(new Basket().Line("tv", 2, 1000)); // 200 points, expiring in a month
        member.Buy(new Basket().Line("cable", 1, 500)); // 50 points

        var before = member.Return(purchase.TransactionId, ("tv", 1));
        member.At(member.Now.AddMonths(1));
        var after = member.Return(purchase.TransactionId, ("tv", 1));

        Assert.Equal((100L, 0L), (before.Points, before.AlreadyExpired));
        Assert.Equal((0L, 100L), (after.Points, after.AlreadyExpired));
        Assert.Equal(new Balance(LifetimeEarned: 250, LifetimeReversed: 100, LifetimeExpired: 150), member.Balance);
        Assert.Equal(200L, member.State.Purchases[purchase.TransactionId].ReversedPoints + member.State.Purchases[purchase.TransactionId].AlreadyExpired);
    }

    [Fact]
    public void Spent_points_are_taken_back_and_expired_ones_are_not()
    {
        var member = Member();
        var purchase = member.Buy(new Basket().Line("tv", 2, 1000)); // 200 points: the oldest lot
        member.Capture(member.Authorize(120).HoldId);                  // 120 spent from it, 80 left to expire
        member.At(member.Now.AddMonths(1));
        member.Buy(new Basket().Line("cable", 1, 500));                // 50 points

        var ret = member.ReturnAll(purchase);

        Assert.Equal((120L, 80L), (ret.Points, ret.AlreadyExpired));
        Assert.Equal(new Balance(Available: -70, LifetimeEarned: 250, LifetimeRedeemed: 120, LifetimeReversed: 120, LifetimeExpired: 80), member.Balance);
    }

    [Fact]
    public void After_inactivity_took_every_point_a_return_takes_none_back_even_with_older_lots_merged_by_month()
    {
        // A short horizon closes the books on the oldest purchase, so its lot merges into a month lot before inactivity.
        var member = Member(ExpiryKind.Inactivity, returnHorizon: TimeSpan.FromDays(90));
        member.Buy(new Basket().Line("book", 1, 1000));                 // 100 points, closed 100 days later
        for (var i = 0; i < 4; i++)
        {
            member.At(member.Now.AddDays(25));
            member.Buy(new Basket().Line("cable", 1, 500));             // 50 points, keeping the member active
        }
        var purchase = member.Buy(new Basket().Line("tv", 2, 1000));    // 200 points, still returnable
        Assert.Equal(("month-", 100L), (member.State.Lots[0].LotId[..6], member.State.Lots[0].Remaining));

        member.At(member.Now.AddMonths(1));
        var ret = member.Return(purchase.TransactionId, ("tv", 1));

        Assert.Equal((0L, 100L), (ret.Points, ret.AlreadyExpired));
        Assert.Equal(new Balance(LifetimeEarned: 500, LifetimeExpired: 500), member.Balance);
    }

    [Fact]
    public void Reinstated_points_are_the_purchases_again_and_a_return_takes_them_back()
    {
        var member = Member();
        var late = member.Buy(new Basket().Line("tv", 2, 1000), member.Now.AddDays(-45)); // 200 points, expired at once
        member.Handle(member.ReinstatementOf());

        var ret = member.Return(late.TransactionId, ("tv", 1));

        Assert.Equal((100L, 0L), (ret.Points, ret.AlreadyExpired));
        Assert.Equal(new Balance(Available: 100, LifetimeEarned: 200, LifetimeReversed: 100, LifetimeExpired: 200, LifetimeReinstated: 200), member.Balance);
    }

    [Fact]
    public void The_tier_metric_of_points_earned_loses_the_returned_share_also_when_it_had_expired()
    {
        var member = TestMember.Enrolled(new RulesBuilder(offlineWindow: TimeSpan.FromDays(90)).Expiry(ExpiryKind.FifoLots, 1)
            .TierPolicy(TierMetric.PointsEarned).Tier("silver", 1_000).Rules);
        member.At(Start.AddDays(60));
        var late = member.Buy(new Basket().Line("tv", 2, 1000), member.Now.AddDays(-45));

        member.Return(late.TransactionId, ("tv", 1));

        Assert.Equal(100L, member.State.TierMetricAt(member.Rules.TierPolicy, member.Now));
    }
}
