using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>Member-to-member transfers: the sender's debit, the receiver's credit by transfer id, and the sender's settlement.</summary>
public sealed class TransferTests
{
    private static TransferPoints Transfer(TestMember sender, long points, string to = "member-2", bool enrolled = true, string? requestId = null) =>
        new(requestId ?? sender.NextRequestId(), TestMember.ProgramId, sender.MemberId, to, points, "happy birthday") { RecipientEnrolled = enrolled };

    private static TestMember SenderWith(long points)
    {
        var sender = TestMember.Enrolled();
        sender.Buy(new Basket().Line("a", 1, points * 10)); // 10 points per EUR
        return sender;
    }

    [Fact]
    public void A_transfer_debits_the_sender_and_stays_in_flight_and_due_until_settled()
    {
        var sender = SenderWith(500);

        var sent = (PointsTransferredOut)sender.Handle(Transfer(sender, 300)).Result;

        Assert.Equal(new Balance(Available: 200, LifetimeEarned: 500, LifetimeTransferredOut: 300), sender.Balance);
        Assert.Equal([sent.TransferId], sender.State.TransfersInFlight.Keys);
        Assert.Equal(sender.Now, sender.State.NextDue(sender.Rules));
        sender.Apply(MemberAccount.SettleTransfer(sender.State, sent.TransferId, refunded: false, sender.Now));
        Assert.Empty(sender.State.TransfersInFlight);
        Assert.Null(sender.State.NextDue(sender.Rules));
        Assert.Empty(MemberAccount.SettleTransfer(sender.State, sent.TransferId, refunded: false, sender.Now));
        var line = Assert.Single(LedgerEntry.From(2, sent));
        Assert.Equal((LedgerEntryType.Transfer, "transfer-out", -300L, "member-2", sent.TransferId),
            (line.Type, line.Rule, line.Points, line.CounterpartMemberId, line.TransferId));
    }

    [Fact]
    public void The_receiver_credits_a_transfer_once_however_often_it_is_delivered()
    {
        var sender = SenderWith(500);
        var sent = (PointsTransferredOut)sender.Handle(Transfer(sender, 300)).Result;
        var receiver = TestMember.Enrolled(memberId: "member-2");
        var delivery = ReceiveTransfer.Of(TestMember.ProgramId, sender.MemberId, sent);

        var first = (PointsTransferredIn)receiver.Handle(delivery).Result;
        var again = receiver.Handle(delivery);

        Assert.True(again.IsReplay);
        Assert.Equal(first, again.Result);
        Assert.Equal(new Balance(Available: 300, LifetimeTransferredIn: 300), receiver.Balance);
        Assert.Equal(ReceiveTransfer.RequestIdOf(sent.TransferId), first.RequestId);
        var line = Assert.Single(LedgerEntry.From(2, first));
        Assert.Equal((LedgerEntryType.Transfer, "transfer-in", 300L, sender.MemberId), (line.Type, line.Rule, line.Points, line.CounterpartMemberId));
    }

    [Fact]
    public void A_refused_transfer_gives_the_sender_its_points_back()
    {
        var sender = SenderWith(500);
        var sent = (PointsTransferredOut)sender.Handle(Transfer(sender, 300)).Result;

        sender.Apply(MemberAccount.SettleTransfer(sender.State, sent.TransferId, refunded: true, sender.Now));

        Assert.Equal(new Balance(Available: 500, LifetimeEarned: 500), sender.Balance);
        Assert.Empty(sender.State.TransfersInFlight);
    }

    [Fact]
    public void Transfers_to_oneself_to_a_non_member_beyond_the_available_points_or_with_points_held_are_refused()
    {
        var sender = SenderWith(500);

        Assert.Equal(Refusal.Invalid("to_member_id"), sender.Refuses(Transfer(sender, 10, to: sender.MemberId)));
        Assert.Equal(Refusal.Invalid("points"), sender.Refuses(Transfer(sender, 0)));
        Assert.Equal(Refusal.NotFound("RECIPIENT_NOT_FOUND"), sender.Refuses(Transfer(sender, 10, enrolled: false)));
        Assert.Equal(Refusal.Precondition("INSUFFICIENT_POINTS"), sender.Refuses(Transfer(sender, 501)));
        sender.Authorize(1);
        Assert.Equal(Refusal.Precondition("POINTS_ON_HOLD"), sender.Refuses(Transfer(sender, 10)));
    }

    [Fact]
    public void A_member_sends_at_most_the_programs_daily_limit_in_any_24_hours()
    {
        var sender = TestMember.Enrolled(new ProgramBuilder().Build() with { MaxTransferPointsPerDay = 1000 });
        sender.Buy(new Basket().Line("a", 1, 50_000)); // 5000 points
        sender.Handle(Transfer(sender, 600));
        sender.Advance(TimeSpan.FromHours(23));
        sender.Handle(Transfer(sender, 400));

        Assert.Equal(Refusal.Precondition("TRANSFER_LIMIT_EXCEEDED"), sender.Refuses(Transfer(sender, 1)));
        sender.Advance(TimeSpan.FromHours(1));
        sender.Handle(Transfer(sender, 600));

        Assert.Equal(5000 - 1600, sender.Balance.Available);
        Assert.Equal(1000, sender.State.TransferredSince(sender.Now));
    }

    [Fact]
    public void A_retried_transfer_request_is_the_same_transfer()
    {
        var sender = SenderWith(500);
        var first = sender.Handle(Transfer(sender, 100, requestId: "gift-1")).Result;

        var again = sender.Handle(Transfer(sender, 100, requestId: "gift-1"));

        Assert.Equal(first, again.Result);
        Assert.Equal(400, sender.Balance.Available);
        Assert.Equal(Refusal.AlreadyExists("REQUEST_ID_REUSED"), sender.Refuses(Transfer(sender, 101, requestId: "gift-1")));
    }
}
