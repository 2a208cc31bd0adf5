using Grpc.Core;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>Members.TransferPoints over gRPC against the real silo: both statements, idempotent retries, and every refusal.</summary>
public sealed class TransferTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    [Fact]
    public async Task A_gift_moves_points_once_however_often_it_is_sent_and_is_on_both_statements()
    {
        var program = await CreateProgramAsync(silo);
        var (ann, bob) = (await EnrollAsync(silo, program), await EnrollAsync(silo, program));
        await silo.Checkout.RecordPurchaseAsync(Purchase(program, ann, ("shirt", 1, 5000))); // 500 points
        var gift = new TransferPointsRequest { RequestId = NewId("req"), ProgramId = program, MemberId = ann, ToMemberId = bob, Points = 300, Note = "Happy birthday" };

        var sent = await silo.Members.TransferPointsAsync(gift);
        var resent = await silo.Members.TransferPointsAsync(gift);
        await new Diagnostics.DiagnosticsClient(silo.Silo.Channel).DeactivateMemberAsync(new DeactivateMemberRequest { ProgramId = program, MemberId = bob });
        var afterReload = await silo.Members.TransferPointsAsync(gift);
        var reused = await RefusedAsync(silo.Members.TransferPointsAsync(gift.Clone().With(g => g.Points = 301)));

        Assert.Equal(sent, resent);
        Assert.Equal(sent, afterReload);
        Assert.Equal((300L, 200L, 300L), (sent.Points, sent.Balance.Available, sent.Balance.LifetimeTransferredOut));
        Assert.Equal((StatusCode.AlreadyExists, "REQUEST_ID_REUSED"), (reused.Code, reused.Reason));
        Assert.Equal((200L, 300L), (await AvailableAsync(program, ann), await AvailableAsync(program, bob)));
        var outLine = (await LedgerAsync(silo, program, ann)).Single(e => e.Type == LedgerEntryType.Transfer);
        var inLine = Assert.Single(await LedgerAsync(silo, program, bob));
        Assert.Equal((-300L, "transfer-out", bob, sent.TransferId, "Happy birthday"),
            (outLine.Points, outLine.Rule, outLine.CounterpartMemberId, outLine.TransferId, outLine.Note));
        Assert.Equal((300L, "transfer-in", ann, sent.TransferId, LedgerEntryType.Transfer),
            (inLine.Points, inLine.Rule, inLine.CounterpartMemberId, inLine.TransferId, inLine.Type));
    }

    [Fact]
    public async Task Transfers_to_oneself_to_a_non_member_from_a_held_or_short_balance_and_past_the_daily_limit_are_refused_and_change_nothing()
    {
        var program = NewId("prog");
        await silo.Programs.CreateProgramAsync(new CreateProgramRequest
        {
            RequestId = NewId("req"), ProgramId = program, Name = "Gifts", Currency = "EUR", PointsPerCurrencyUnit = 10,
            MaxTransferPointsPerDay = 250,
        });
        var (ann, bob) = (await EnrollAsync(silo, program), await EnrollAsync(silo, program));
        await silo.Checkout.RecordPurchaseAsync(Purchase(program, ann, ("shirt", 1, 5000))); // 500 points
        TransferPointsRequest Gift(string to, long points) => new() { RequestId = NewId("req"), ProgramId = program, MemberId = ann, ToMemberId = to, Points = points };

        var self = await RefusedAsync(silo.Members.TransferPointsAsync(Gift(ann, 10)));
        var stranger = await RefusedAsync(silo.Members.TransferPointsAsync(Gift("nobody", 10)));
        var tooMany = await RefusedAsync(silo.Members.TransferPointsAsync(Gift(bob, 501)));
        var fromNothing = await RefusedAsync(silo.Members.TransferPointsAsync(new TransferPointsRequest
            { RequestId = NewId("req"), ProgramId = program, MemberId = bob, ToMemberId = ann, Points = 1 }));
        await silo.Members.TransferPointsAsync(Gift(bob, 200));
        var overLimit = await RefusedAsync(silo.Members.TransferPointsAsync(Gift(bob, 51)));
        var hold = await silo.Checkout.AuthorizeRedemptionAsync(Authorize(program, ann, 10));
        var held = await RefusedAsync(silo.Members.TransferPointsAsync(Gift(bob, 10)));

        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST", "to_member_id"), (self.Code, self.Reason, string.Join(' ', self.Fields)));
        Assert.Equal((StatusCode.NotFound, "RECIPIENT_NOT_FOUND"), (stranger.Code, stranger.Reason));
        Assert.Equal((StatusCode.FailedPrecondition, "INSUFFICIENT_POINTS"), (tooMany.Code, tooMany.Reason));
        Assert.Equal((StatusCode.FailedPrecondition, "INSUFFICIENT_POINTS"), (fromNothing.Code, fromNothing.Reason));
        Assert.Equal((StatusCode.FailedPrecondition, "TRANSFER_LIMIT_EXCEEDED"), (overLimit.Code, overLimit.Reason));
        Assert.Equal((StatusCode.FailedPrecondition, "POINTS_ON_HOLD"), (held.Code, held.Reason));
        var balance = (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = ann })).Member.Balance;
        Assert.Equal((290L, 10L, 200L), (balance.Available, balance.Held, balance.LifetimeTransferredOut));
        Assert.Equal(200, await AvailableAsync(program, bob));
        Assert.Equal(250, (await silo.Programs.GetProgramAsync(new GetProgramRequest { ProgramId = program })).Program.MaxTransferPointsPerDay);
        Assert.NotEmpty(hold.HoldId);
    }

    private async Task<long> AvailableAsync(string program, string member) =>
        (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member.Balance.Available;
}
