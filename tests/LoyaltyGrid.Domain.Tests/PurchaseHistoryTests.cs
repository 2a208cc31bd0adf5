using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>What GetMember says of a member's purchases: how many were kept, and when the first and the last happened.</summary>
public sealed class PurchaseHistoryTests
{
    private static readonly DateTimeOffset Start = TestClock.Start;

    [Fact]
    public void A_member_who_never_bought_has_no_purchases_and_no_purchase_times()
    {
        var member = TestMember.Enrolled();

        var overview = MemberOverview.Of(member.State, member.Rules, member.Now);

        Assert.Equal((0L, (DateTimeOffset?)null, (DateTimeOffset?)null), (overview.PurchaseCount, overview.FirstPurchaseAt, overview.LastPurchaseAt));
    }

    [Fact]
    public void Purchase_count_leaves_out_wholly_returned_purchases_and_times_cover_every_purchase_recorded_including_late_uploads()
    {
        var member = TestMember.Enrolled();
        member.At(Start.AddDays(3));
        var first = member.Buy(new Basket().Line("a", 2, 1000));
        member.At(Start.AddDays(4));
        var last = member.Buy(new Basket().Line("b", 1, 500));
        member.Buy(new Basket().Line("c", 1, 500), occurredAt: Start.AddDays(1)); // an offline till's upload
        member.Return(first.TransactionId, ("a", 1));                              // partly returned: still kept
        member.ReturnAll(last);                                                     // wholly returned: not counted

        var overview = MemberOverview.Of(member.State, member.Rules, member.Now);

        Assert.Equal((2L, (DateTimeOffset?)Start.AddDays(1), (DateTimeOffset?)last.OccurredAt),
            (overview.PurchaseCount, overview.FirstPurchaseAt, overview.LastPurchaseAt));
    }

    [Fact]
    public void Purchase_count_and_times_survive_closing_the_books()
    {
        var member = TestMember.Enrolled();
        member.Buy(new Basket().Line("a", 1, 1000));
        member.At(Start.AddDays(400));
        member.Buy(new Basket().Line("b", 1, 1000));
        member.At(Start.AddDays(800));

        Assert.Empty(member.State.Purchases);
        Assert.Equal((2, (DateTimeOffset?)Start, (DateTimeOffset?)Start.AddDays(400)),
            (member.State.KeptPurchaseCount, member.State.FirstPurchaseAt, member.State.LastPurchaseAt));
    }

    [Fact]
    public void A_replay_of_the_journal_gives_the_same_purchase_history()
    {
        var member = TestMember.Enrolled();
        member.Buy(new Basket().Line("a", 1, 1000));
        member.At(Start.AddDays(2));
        member.ReturnAll(member.Buy(new Basket().Line("b", 1, 1000)));

        var replayed = new MemberState();
        foreach (var entry in member.Journal)
        {
            replayed.Apply(entry.Event, entry.Sequence);
        }

        Assert.Equal((1, (DateTimeOffset?)Start, (DateTimeOffset?)Start.AddDays(2)),
            (replayed.KeptPurchaseCount, replayed.FirstPurchaseAt, replayed.LastPurchaseAt));
    }
}
