using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>Manual credits and debits by an admin, and cancelling one earning entry.</summary>
public sealed class AdjustmentTests
{
    private const string Desk = "key:k1 (service desk)";
    private static readonly DateTimeOffset Start = TestClock.Start;

    private static AdjustPoints Adjustment(TestMember member, long points, DateTimeOffset? expiresAt = null, long? limit = null,
        string? requestId = null, string note = "parcel late") =>
        new(requestId ?? member.NextRequestId(), TestMember.ProgramId, member.MemberId, Desk, points, AdjustmentReason.Goodwill, note, expiresAt)
        {
            ActorLimit = limit,
        };

    private static CancelEarning Cancellation(TestMember member, string? transactionId = null, string? adjustmentId = null, long? limit = null) =>
        new(member.NextRequestId(), TestMember.ProgramId, member.MemberId, Desk, transactionId, adjustmentId, AdjustmentReason.Correction, "fraud")
        {
            ActorLimit = limit,
        };

    [Fact]
    public void A_credit_is_available_at_once_and_is_an_adjustment_line_saying_who_why_and_the_note()
    {
        var member = TestMember.Enrolled();

        var credit = (PointsAdjusted)member.Handle(Adjustment(member, 250)).Result;

        Assert.Equal(new Balance(Available: 250, LifetimeAdjusted: 250), member.Balance);
        var line = Assert.Single(LedgerEntry.From(member.State.Version, credit));
        Assert.Equal((LedgerEntryType.Adjustment, "adjustment", 250L, 250L, Desk, (AdjustmentReason?)AdjustmentReason.Goodwill, "parcel late", credit.AdjustmentId),
            (line.Type, line.Rule, line.Points, line.AvailableDelta, line.Actor, line.AdjustmentReason, line.Note, line.AdjustmentId));
        Assert.Equal($"250 points credited by {Desk} (goodwill): parcel late", line.Description);
        Assert.StartsWith("adj_", credit.AdjustmentId);
    }

    [Fact]
    public void A_debit_takes_the_oldest_points_and_one_beyond_the_available_balance_is_refused()
    {
        var member = TestMember.Enrolled();
        member.Buy(new Basket().Line("a", 1, 1000));            // 100 points
        member.Handle(member.AuthorizationOf(30));              // 30 held

        Assert.Equal(Refusal.Precondition("INSUFFICIENT_POINTS"), member.Refuses(Adjustment(member, -71)));
        member.Handle(Adjustment(member, -70));

        Assert.Equal(new Balance(Available: 0, Held: 30, LifetimeEarned: 100, LifetimeAdjusted: -70), member.Balance);
        Assert.Equal([30L], member.State.Lots.Select(l => l.Remaining));
    }

    [Fact]
    public void The_keys_limit_bounds_credits_and_debits_and_bad_requests_name_their_fields()
    {
        var member = TestMember.Enrolled();
        member.Handle(Adjustment(member, 100));

        Assert.Equal(new Refusal(ErrorKind.PermissionDenied, "ADJUSTMENT_LIMIT_EXCEEDED", []), member.Refuses(Adjustment(member, 101, limit: 100)));
        Assert.Equal(new Refusal(ErrorKind.PermissionDenied, "ADJUSTMENT_LIMIT_EXCEEDED", []), member.Refuses(Adjustment(member, -101, limit: 100)));
        member.Handle(Adjustment(member, -100, limit: 100));
        Assert.Equal(Refusal.Invalid("points", "note"), member.Refuses(Adjustment(member, 0, note: "")));
        Assert.Equal(Refusal.Invalid("expires_at"), member.Refuses(Adjustment(member, -1, expiresAt: Start.AddDays(1))));
        Assert.Equal(Refusal.Invalid("reason"), member.Refuses(Adjustment(member, 5) with { Reason = null }));
        Assert.Equal(Refusal.Invalid("expires_at"), member.Refuses(Adjustment(member, 5, expiresAt: member.Now)));
    }

    [Fact]
    public void A_retry_is_answered_with_the_same_adjustment_and_other_content_under_its_id_is_refused()
    {
        var member = TestMember.Enrolled();
        var first = (PointsAdjusted)member.Handle(Adjustment(member, 40, requestId: "adj-req")).Result;

        var again = member.Handle(Adjustment(member, 40, requestId: "adj-req"));

        Assert.True(again.IsReplay);
        Assert.Equal(first, again.Result);
        Assert.Equal(40, member.Balance.Available);
        Assert.Equal(Refusal.AlreadyExists("REQUEST_ID_REUSED"), member.Refuses(Adjustment(member, 41, requestId: "adj-req")));
    }

    [Fact]
    public void A_dated_credit_expires_at_its_date_whatever_the_programs_policy_and_shows_as_expiring_soon()
    {
        var member = TestMember.Enrolled(new RulesBuilder().Expiry(ExpiryKind.FifoLots, 24).Rules);
        member.Buy(new Basket().Line("a", 1, 1000));
        var credit = (PointsAdjusted)member.Handle(Adjustment(member, 50, expiresAt: Start.AddDays(20))).Result;

        Assert.Equal([new ExpiringPoints(50, Start.AddDays(20))], MemberOverview.ExpiringSoon(member.State, member.Rules, member.Now));
        Assert.Equal(Start.AddDays(20), member.State.NextDue(member.Rules));
        Assert.Empty(member.At(Start.AddDays(20).AddTicks(-1)));
        var expired = Assert.IsType<PointsExpired>(Assert.Single(member.At(Start.AddDays(20))));

        Assert.Equal((50L, Start.AddDays(20), credit.AdjustmentId), (expired.Points, expired.OccurredAt, Assert.Single(expired.LotIds)));
        Assert.Equal(100, member.Balance.Available); // the purchase's lot keeps its 24 months
        Assert.Equal(Start.AddMonths(24), member.State.NextDue(member.Rules));
        var line = Assert.Single(LedgerEntry.From(member.State.Version, expired));
        Assert.Equal((LedgerEntryType.Expiry, -50L, credit.AdjustmentId), (line.Type, line.Points, line.AdjustmentId));
    }

    [Fact]
    public void Whether_a_member_has_dated_lots_follows_its_dated_credits_through_a_debit_an_expiry_and_a_snapshot()
    {
        var member = TestMember.Enrolled();
        member.Buy(new Basket().Line("a", 1, 1000));            // 100 points, no date of their own
        Assert.False(member.State.HasDatedLots);
        member.Handle(Adjustment(member, 50, expiresAt: Start.AddDays(20)));
        member.Handle(Adjustment(member, 30, expiresAt: Start.AddDays(40)));
        Assert.True(Decoded(member.State).HasDatedLots);

        member.Handle(Adjustment(member, -150));                // the purchase's lot and the first credit, oldest first
        Assert.Equal([30L], member.State.Lots.Select(l => l.Remaining));
        Assert.True(member.State.HasDatedLots);
        member.At(Start.AddDays(40));

        Assert.Empty(member.State.Lots);
        Assert.False(member.State.HasDatedLots);
        Assert.False(Decoded(member.State).HasDatedLots);
    }

    private static MemberState Decoded(MemberState state)
    {
        var payload = SnapshotEnvelope.Capture(MemberSnapshotCodec.Instance, state)();
        Assert.True(SnapshotEnvelope.TryDecode(MemberSnapshotCodec.Instance, payload, out var decoded));
        return decoded!;
    }

    [Fact]
    public void A_dated_credit_expires_in_a_program_whose_points_never_expire()
    {
        var member = TestMember.Enrolled();
        member.Handle(Adjustment(member, 50, expiresAt: Start.AddMonths(3)));

        member.At(Start.AddMonths(3));

        Assert.Equal(new Balance(LifetimeExpired: 50, LifetimeAdjusted: 50), member.Balance);
        Assert.Null(member.State.NextDue(member.Rules));
    }

    [Fact]
    public void Cancelling_a_purchase_takes_back_its_pending_and_unspent_points_and_a_later_return_reverses_no_more()
    {
        var member = TestMember.Enrolled();
        var spent = member.Buy(new Basket().Line("a", 1, 1000));              // 100, spent below
        var bought = member.Buy(new Basket().Line("b", 2, 1000));             // 200
        member.Capture(member.Authorize(150).HoldId);                          // 100 of the first lot, 50 of the second

        var cancelled = (EarningCancelled)member.Handle(Cancellation(member, transactionId: bought.TransactionId)).Result;

        Assert.Equal((150L, 0L), (cancelled.Points, cancelled.PendingCancelled));
        Assert.Equal(new Balance(Available: 0, LifetimeEarned: 300, LifetimeRedeemed: 150, LifetimeReversed: 150), member.Balance);
        Assert.Equal(Refusal.Precondition("EARNING_ALREADY_CANCELLED"), member.Refuses(Cancellation(member, transactionId: bought.TransactionId)));
        var ret = member.Return(bought.TransactionId, ("b", 2));
        Assert.Equal((0L, 2000L), (ret.Points, ret.RefundMinor));
        Assert.Equal(Refusal.Precondition("NOTHING_TO_CANCEL"), member.Refuses(Cancellation(member, transactionId: spent.TransactionId)));
        Assert.Equal(Refusal.NotFound("TRANSACTION_NOT_FOUND"), member.Refuses(Cancellation(member, transactionId: "tx_nope")));
        var line = Assert.Single(LedgerEntry.From(member.State.Version - 1, cancelled));
        Assert.Equal((LedgerEntryType.Adjustment, "cancellation", -150L, bought.TransactionId, Desk),
            (line.Type, line.Rule, line.Points, line.TransactionId, line.Actor));
    }

    [Fact]
    public void Cancelling_a_pending_purchase_takes_its_points_off_pending_and_they_never_mature()
    {
        var member = TestMember.Enrolled(new RulesBuilder().Earning(new EarningRules { PendingPeriod = TimeSpan.FromDays(14) }).Rules);
        var bought = member.Buy(new Basket().Line("b", 1, 1000));

        var cancelled = (EarningCancelled)member.Handle(Cancellation(member, transactionId: bought.TransactionId)).Result;

        Assert.Equal((100L, 100L), (cancelled.Points, cancelled.PendingCancelled));
        Assert.Empty(member.At(Start.AddDays(15)));
        Assert.Equal(new Balance(LifetimeEarned: 100, LifetimeReversed: 100), member.Balance);
    }

    [Fact]
    public void Cancelling_a_credit_takes_back_what_is_left_of_it_within_the_keys_limit()
    {
        var member = TestMember.Enrolled();
        var credit = (PointsAdjusted)member.Handle(Adjustment(member, 80)).Result;
        member.Capture(member.Authorize(30).HoldId);

        Assert.Equal(new Refusal(ErrorKind.PermissionDenied, "ADJUSTMENT_LIMIT_EXCEEDED", []),
            member.Refuses(Cancellation(member, adjustmentId: credit.AdjustmentId, limit: 49)));
        var cancelled = (EarningCancelled)member.Handle(Cancellation(member, adjustmentId: credit.AdjustmentId, limit: 50)).Result;

        Assert.Equal(50L, cancelled.Points);
        Assert.Equal(new Balance(LifetimeRedeemed: 30, LifetimeAdjusted: 30), member.Balance);
        Assert.Equal(Refusal.NotFound("ADJUSTMENT_NOT_FOUND"), member.Refuses(Cancellation(member, adjustmentId: credit.AdjustmentId)));
        Assert.Equal(Refusal.Invalid("transaction_id"), member.Refuses(Cancellation(member, transactionId: "tx_1", adjustmentId: credit.AdjustmentId)));
    }
}
