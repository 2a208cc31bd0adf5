using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;
using LoyaltyGrid.Storage.Formats;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>A member's books close on purchases past the return horizon: what they keep stays small, what they answer does not change.</summary>
public sealed class ClosingTheBooksTests
{
    private static readonly DateTimeOffset Start = TestClock.Start;

    [Fact]
    public void A_return_past_the_horizon_is_refused_before_and_after_the_books_close()
    {
        var member = TestMember.Enrolled(new RulesBuilder(returnHorizon: TimeSpan.FromDays(30)).Rules);
        var purchase = member.Buy(new Basket().Line("shirt", 2, 2000));

        member.At(Start.AddDays(30).AddMinutes(1));
        Assert.True(member.State.Purchases.ContainsKey(purchase.TransactionId)); // still kept: books close weekly
        var open = member.RefusesWithError(member.ReturnOf(purchase.TransactionId, ("shirt", 1)));

        member.At(Start.AddDays(40));
        Assert.Empty(member.State.Purchases);
        var closed = member.RefusesWithError(member.ReturnOf(purchase.TransactionId, ("shirt", 1)));

        Assert.Equal(("RETURN_WINDOW_CLOSED", "RETURN_WINDOW_CLOSED"), (open.Reason, closed.Reason));
        Assert.Contains("return_horizon", closed.Message, StringComparison.Ordinal);
        Assert.Equal(Refusal.NotFound("TRANSACTION_NOT_FOUND"), member.Refuses(member.ReturnOf("tx_unknown", ("shirt", 1))));
    }

    [Fact]
    public void A_return_inside_the_horizon_still_reverses_its_points()
    {
        var member = TestMember.Enrolled(new RulesBuilder(returnHorizon: TimeSpan.FromDays(30)).Rules);
        var purchase = member.Buy(new Basket().Line("shirt", 2, 2000));
        member.At(Start.AddDays(29));

        var ret = member.Return(purchase.TransactionId, ("shirt", 1));

        Assert.Equal((200L, 2000L, false), (ret.Points, ret.KeptQualifyingMinor, ret.FullyReturned));
    }

    [Fact]
    public void A_daily_shopper_over_years_keeps_only_open_purchases_and_the_tier_window()
    {
        var program = new RulesBuilder(returnHorizon: TimeSpan.FromDays(30))
            .TierPolicy(TierMetric.QualifyingSpend, windowMonths: 12, reviewMonths: 12, graceDays: 0)
            .Tier("silver", 50_000)
            .Tier("gold", 200_000);
        var member = TestMember.Enrolled(program.Rules);
        var reference = TestMember.Enrolled(program.Rules, memberId: "member-1", keepsEverything: true);
        for (var day = 0; day < 3 * 365; day++)
        {
            foreach (var m in new[] { member, reference })
            {
                m.At(Start.AddDays(day));
                m.Buy(new Basket().Line("coffee", 1, 350));
            }
        }

        var state = member.State;
        Assert.InRange(state.Purchases.Count, 30, 30 + 7);            // the return horizon, closed weekly
        Assert.InRange(state.Facts.Count, 360, 366 + 31 + 7);         // the tier window, folded weekly
        Assert.Equal(3 * 365, state.KeptPurchaseCount);
        Assert.Equal(3 * 365, state.Facts.Count + state.Months.Sum(m => m.Purchases));
        Assert.Equal(reference.State.TierMetricAt(program.Rules.TierPolicy, member.Now), state.TierMetricAt(program.Rules.TierPolicy, member.Now));
        Assert.Equal(reference.State.Tier, state.Tier);
        Assert.Equal(reference.Balance, member.Balance);
        Assert.Equal(3 * 365, reference.State.Purchases.Count);
        // Points never redeemed: one lot per open purchase, one per month before (dated by the month's last earning).
        Assert.InRange(state.Lots.Count, 30, 30 + 7 + 3 * 12 + 1);
        Assert.Equal(member.Balance.Available, state.Lots.Sum(l => l.Remaining));
    }

    /// <summary>
    /// Issue #9's member: a daily coffee over 13.7 years (5,000 purchases), the default 365-day horizon, a 12-month tier
    /// window. A size, not a time, so it is a test: the stored snapshot stays within 64 KiB.
    /// </summary>
    [Fact]
    public void A_daily_shopper_of_5000_purchases_has_a_snapshot_of_at_most_64_KiB()
    {
        var program = new RulesBuilder()
            .TierPolicy(TierMetric.QualifyingSpend, windowMonths: 12, reviewMonths: 12, graceDays: 0)
            .Tier("silver", 50_000)
            .Tier("gold", 200_000);
        var member = TestMember.Enrolled(program.Rules);
        for (var day = 0; day < 5_000; day++)
        {
            member.At(Start.AddDays(day));
            member.Buy(new Basket().Line("coffee", 1, 350));
        }

        var snapshot = SnapshotEnvelope.Capture(MemberSnapshotCodec.Instance, member.State)();

        Assert.InRange(member.State.Purchases.Count, 365, 365 + 7);
        Assert.InRange(snapshot.Length, 1, 64 * 1024);
    }

    [Fact]
    public void Cumulative_spend_reads_purchases_since_its_start_even_past_the_horizon()
    {
        var program = new RulesBuilder(returnHorizon: TimeSpan.FromDays(30))
            .Promotion("loyal", new CumulativeSpendRule(100_00, 500), startsAt: Start, endsAt: Start.AddYears(2));
        var member = TestMember.Enrolled(program.Rules);
        for (var month = 0; month < 9; month++)
        {
            member.At(Start.AddMonths(month));
            Assert.Equal(0, member.Buy(new Basket().Line("item", 1, 10_00)).Components.Count(c => c.PromotionId == "loyal"));
        }
        Assert.True(member.State.Months.Count == 0, "facts a running promotion reads are never folded");

        member.At(Start.AddMonths(9));
        var tenth = member.Buy(new Basket().Line("item", 1, 10_00));

        Assert.Equal(500L, tenth.Components.Single(c => c.PromotionId == "loyal").Points);
    }

    [Fact]
    public void A_retry_long_after_gets_the_answer_read_back_from_the_journal()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().Build());
        var command = member.PurchaseOf(new Basket().Line("item", 1, 1000));
        var first = (PurchaseRecorded)member.Handle(command).Result;
        member.Advance(TimeSpan.FromDays(6));

        var retry = member.Handle(command);

        Assert.Equal(first.Sequence(member), retry.ReplayOf);
        Assert.Same(first, retry.Result);
        Assert.Equal(new RequestRecord(first.Fingerprint!, first.RecordedAt, member.State.Purchases[first.TransactionId].Sequence),
            member.State.Requests[command.RequestId]);
    }
}

internal static class ClosingTheBooksSteps
{
    public static long Sequence(this PurchaseRecorded purchase, TestMember member) => member.State.Purchases[purchase.TransactionId].Sequence;
}
