using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>Members.AdjustPoints and Members.CancelEarning over gRPC against the real silo, with a program admin's limited key.</summary>
public sealed class AdjustmentTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    [Fact]
    public async Task A_service_desk_credits_and_debits_within_its_keys_limit_and_the_statement_says_who_why_and_what()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("shirt", 1, 2000))); // 200 points
        var (desk, deskId) = await DeskKeyAsync(program, maxAdjustmentPoints: 1000);
        var expiresAt = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(10).Date);
        var credit = new AdjustPointsRequest
        {
            RequestId = NewId("req"), ProgramId = program, MemberId = member, Points = 300,
            Reason = AdjustmentReason.Goodwill, Note = "Parcel arrived a week late", ExpiresAt = expiresAt,
        };

        var credited = await silo.Members.AdjustPointsAsync(credit, desk);
        var retried = await silo.Members.AdjustPointsAsync(credit, desk);

        Assert.Equal(credited, retried);
        Assert.Equal((300L, 500L, 300L), (credited.Points, credited.Balance.Available, credited.Balance.LifetimeAdjusted));
        Assert.StartsWith("adj_", credited.AdjustmentId);
        var tooMuch = await RefusedAsync(silo.Members.AdjustPointsAsync(Debit(program, member, -501), desk));
        var overLimit = await RefusedAsync(silo.Members.AdjustPointsAsync(Debit(program, member, 1001), desk));
        var zero = await RefusedAsync(silo.Members.AdjustPointsAsync(Debit(program, member, 0), desk));
        var stranger = await RefusedAsync(silo.Members.AdjustPointsAsync(Debit(program, "nobody", -1), desk));
        Assert.Equal((StatusCode.FailedPrecondition, "INSUFFICIENT_POINTS"), (tooMuch.Code, tooMuch.Reason));
        Assert.Equal((StatusCode.PermissionDenied, "ADJUSTMENT_LIMIT_EXCEEDED"), (overLimit.Code, overLimit.Reason));
        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST", "points"), (zero.Code, zero.Reason, string.Join(' ', zero.Fields)));
        Assert.Equal((StatusCode.NotFound, "MEMBER_NOT_FOUND"), (stranger.Code, stranger.Reason));

        var debited = await silo.Members.AdjustPointsAsync(Debit(program, member, -50), desk);

        Assert.Equal(450, debited.Balance.Available);
        var shown = (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member;
        Assert.Equal(450, shown.Balance.Available);
        // The debit took the oldest points (the purchase's), so the credit's 300 are still there and expire on their date.
        Assert.Equal([(300L, expiresAt)], shown.ExpiringSoon.Select(x => (x.Points, x.ExpiresAt)));
        var lines = (await LedgerAsync(silo, program, member)).Where(e => e.Type == LedgerEntryType.Adjustment).ToArray();
        Assert.Equal(
        [
            (-50L, "adjustment", AdjustmentReason.Correction, "Entered twice", debited.AdjustmentId),
            (300L, "adjustment", AdjustmentReason.Goodwill, "Parcel arrived a week late", credited.AdjustmentId),
        ], lines.Select(l => (l.Points, l.Rule, l.AdjustmentReason, l.Note, l.AdjustmentId)));
        Assert.All(lines, l => Assert.StartsWith($"key:{deskId} (", l.Actor));
        Assert.Equal(credit.RequestId, lines[1].RequestId);
    }

    [Fact]
    public async Task Cancelling_an_earning_takes_back_what_is_left_of_it_once()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        var purchase = await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("shirt", 1, 2000))); // 200 points
        var (desk, _) = await DeskKeyAsync(program, maxAdjustmentPoints: 0); // no limit
        var credited = await silo.Members.AdjustPointsAsync(new AdjustPointsRequest
        {
            RequestId = NewId("req"), ProgramId = program, MemberId = member, Points = 80,
            Reason = AdjustmentReason.Migration, Note = "Points from the old card",
        }, desk);
        var cancel = new CancelEarningRequest
        {
            RequestId = NewId("req"), ProgramId = program, MemberId = member, TransactionId = purchase.TransactionId,
            Reason = AdjustmentReason.Correction, Note = "Receipt was void",
        };

        var cancelled = await silo.Members.CancelEarningAsync(cancel, desk);
        var retried = await silo.Members.CancelEarningAsync(cancel, desk);
        var again = await RefusedAsync(silo.Members.CancelEarningAsync(cancel.Clone().With(c => c.RequestId = NewId("req")), desk));
        var both = await RefusedAsync(silo.Members.CancelEarningAsync(cancel.Clone().With(c => { c.RequestId = NewId("req"); c.AdjustmentId = credited.AdjustmentId; }), desk));
        var credit = await silo.Members.CancelEarningAsync(new CancelEarningRequest
        {
            RequestId = NewId("req"), ProgramId = program, MemberId = member, AdjustmentId = credited.AdjustmentId,
            Reason = AdjustmentReason.Other, Note = "Card was never ours",
        }, desk);

        Assert.Equal(cancelled, retried);
        Assert.Equal((200L, 80L, 200L), (cancelled.PointsCancelled, cancelled.Balance.Available, cancelled.Balance.LifetimeReversed));
        Assert.Equal((StatusCode.FailedPrecondition, "EARNING_ALREADY_CANCELLED"), (again.Code, again.Reason));
        Assert.Equal((StatusCode.InvalidArgument, "transaction_id"), (both.Code, string.Join(' ', both.Fields)));
        Assert.Equal((80L, 0L, 0L), (credit.PointsCancelled, credit.Balance.Available, credit.Balance.LifetimeAdjusted));
        var statement = await LedgerAsync(silo, program, member);
        Assert.Equal(0, statement.Sum(e => e.Points));
        Assert.Equal([(-80L, "cancellation", ""), (-200L, "cancellation", purchase.TransactionId)],
            statement.Where(e => e.Rule == "cancellation").Select(e => (e.Points, e.Rule, e.TransactionId)));
    }

    private static AdjustPointsRequest Debit(string program, string member, long points) => new()
    {
        RequestId = NewId("req"), ProgramId = program, MemberId = member, Points = points,
        Reason = AdjustmentReason.Correction, Note = "Entered twice",
    };

    /// <summary>A program admin key for the service desk, with its adjustment limit (0: none), and its key id.</summary>
    private async Task<(Metadata Key, string KeyId)> DeskKeyAsync(string program, long maxAdjustmentPoints)
    {
        var issued = await new Access.AccessClient(silo.Silo.Channel).IssueApiKeyAsync(new IssueApiKeyRequest
        {
            RequestId = NewId("key"), Name = "service desk", Role = ApiRole.ProgramAdmin, ProgramId = program,
            MaxAdjustmentPoints = maxAdjustmentPoints,
        });
        Assert.Equal(maxAdjustmentPoints, issued.Key.MaxAdjustmentPoints);
        return (TestKeys.Authorization(issued.ApiKey), issued.Key.KeyId);
    }
}

internal static class MessageExtensions
{
    public static T With<T>(this T message, Action<T> change)
    {
        change(message);
        return message;
    }
}
