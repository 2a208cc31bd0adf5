using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>
/// Tier downgrade modes (TierPolicy.downgrade_mode) and Members.AssignTier over gRPC against the real silo. The silo's
/// clock is real, so what takes months (reviews, an assignment's end, purchases leaving the window) is covered by the
/// domain tests (TierModeTests); here a return is what takes the metric below a tier.
/// </summary>
public sealed class TierModeTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    public static TheoryData<TierDowngradeMode, string, bool> Modes => new()
    {
        // Mode, the tier after a return takes the metric (60,000) down to 20,000, whether a review is scheduled.
        { TierDowngradeMode.Unspecified, "gold", true },
        { TierDowngradeMode.AtReview, "gold", true },
        { TierDowngradeMode.Never, "gold", false },
        { TierDowngradeMode.Immediate, "silver", false },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_return_below_the_tiers_threshold_lowers_the_tier_at_once_only_in_the_immediate_mode(TierDowngradeMode mode, string tierAfter, bool reviewed)
    {
        var program = await ProgramAsync(mode);
        var member = await EnrollAsync(silo, program);
        await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("shirt", 1, 20_000)));
        var big = await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("tv", 1, 40_000))); // 60,000: gold
        var gold = await MemberAsync(program, member);

        var returned = await silo.Checkout.RecordReturnAsync(Return(program, member, big.TransactionId, ("tv", 1)));
        var after = await MemberAsync(program, member);

        var policy = (await silo.Programs.GetProgramAsync(new GetProgramRequest { ProgramId = program })).Rules.TierPolicy;
        Assert.Equal(mode == TierDowngradeMode.Unspecified ? TierDowngradeMode.AtReview : mode, policy.DowngradeMode);
        Assert.Equal(("gold", reviewed), (gold.Tier.TierId, gold.TierReviewAt is not null));
        Assert.Equal((tierAfter, 20_000L, reviewed, false), (after.Tier.TierId, after.TierMetric, after.TierReviewAt is not null, after.TierAssigned));
        Assert.Equal(after.Balance, returned.Balance);
        var tierLines = (await LedgerAsync(silo, program, member)).Where(e => e.Type == LedgerEntryType.TierChange).Select(e => e.Description).ToArray();
        Assert.Equal(
            mode == TierDowngradeMode.Immediate
                ? ["Tier lowered from gold to silver: the metric fell below its threshold (metric 20000)", "Tier upgraded from silver to gold (metric 60000)", "Tier upgraded from none to silver (metric 20000)"]
                : ["Tier upgraded from silver to gold (metric 60000)", "Tier upgraded from none to silver (metric 20000)"],
            tierLines);
    }

    [Fact]
    public async Task An_admin_assigns_a_tier_until_a_date_a_retry_answers_the_same_and_a_return_does_not_lower_it()
    {
        var program = await ProgramAsync(TierDowngradeMode.Immediate);
        var member = await EnrollAsync(silo, program);
        var purchase = await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("shirt", 1, 20_000))); // silver
        var endsAt = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(90).Date);
        var assign = new AssignTierRequest
        {
            RequestId = NewId("req"), ProgramId = program, MemberId = member, TierId = "gold", EndsAt = endsAt, Note = "Complaint 4711: a season of gold",
        };

        var assigned = await silo.Members.AssignTierAsync(assign);
        var retried = await silo.Members.AssignTierAsync(assign);
        var reused = await RefusedAsync(silo.Members.AssignTierAsync(assign.Clone().With(a => a.TierId = "silver")));
        var unknown = await RefusedAsync(silo.Members.AssignTierAsync(assign.Clone().With(a => { a.RequestId = NewId("req"); a.TierId = "diamond"; })));
        var past = await RefusedAsync(silo.Members.AssignTierAsync(assign.Clone().With(a =>
        {
            a.RequestId = NewId("req");
            a.EndsAt = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(-1));
        })));
        var noNote = await RefusedAsync(silo.Members.AssignTierAsync(assign.Clone().With(a => { a.RequestId = NewId("req"); a.Note = ""; })));
        var stranger = await RefusedAsync(silo.Members.AssignTierAsync(assign.Clone().With(a => { a.RequestId = NewId("req"); a.MemberId = "nobody"; })));
        await silo.Checkout.RecordReturnAsync(Return(program, member, purchase.TransactionId, ("shirt", 1)));
        var after = await MemberAsync(program, member);

        Assert.Equal(assigned, retried);
        Assert.Equal(("gold", true, endsAt, (Timestamp?)null), (assigned.Member.Tier.TierId, assigned.Member.TierAssigned, assigned.Member.TierAssignedUntil, assigned.Member.TierReviewAt));
        Assert.Equal((StatusCode.AlreadyExists, "REQUEST_ID_REUSED"), (reused.Code, reused.Reason));
        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST", "tier_id"), (unknown.Code, unknown.Reason, string.Join(' ', unknown.Fields)));
        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST", "ends_at"), (past.Code, past.Reason, string.Join(' ', past.Fields)));
        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST", "note"), (noNote.Code, noNote.Reason, string.Join(' ', noNote.Fields)));
        Assert.Equal((StatusCode.NotFound, "MEMBER_NOT_FOUND"), (stranger.Code, stranger.Reason));
        // The metric is 0 now, but an assigned tier is not lowered by it.
        Assert.Equal(("gold", 0L, true, endsAt), (after.Tier.TierId, after.TierMetric, after.TierAssigned, after.TierAssignedUntil));
        var line = (await LedgerAsync(silo, program, member)).Single(e => e.Rule == "tier-assignment");
        Assert.Equal((LedgerEntryType.TierChange, 0L, "Complaint 4711: a season of gold", assign.RequestId), (line.Type, line.Points, line.Note, line.RequestId));
        Assert.StartsWith("Tier gold assigned by ", line.Description);
        Assert.EndsWith("(was silver) until " + endsAt.ToDateTimeOffset().ToString("O") + ": Complaint 4711: a season of gold", line.Description);
        Assert.NotEmpty(line.Actor);
    }

    [Fact]
    public async Task An_assignment_without_an_end_is_replaced_by_a_purchase_reaching_a_higher_tier()
    {
        var program = await ProgramAsync(TierDowngradeMode.AtReview);
        var member = await EnrollAsync(silo, program);

        var assigned = await silo.Members.AssignTierAsync(new AssignTierRequest
        {
            RequestId = NewId("req"), ProgramId = program, MemberId = member, TierId = "silver", Note = "Founding member",
        });
        await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("tv", 1, 50_000)));
        var after = await MemberAsync(program, member);

        Assert.Equal(("silver", true, (Timestamp?)null, (Timestamp?)null), (assigned.Member.Tier.TierId, assigned.Member.TierAssigned, assigned.Member.TierAssignedUntil, assigned.Member.TierReviewAt));
        Assert.Equal(("gold", false, (Timestamp?)null), (after.Tier.TierId, after.TierAssigned, after.TierAssignedUntil));
        Assert.Equal(after.TierSince.ToDateTime().AddMonths(12), after.TierReviewAt.ToDateTime());
    }

    private async Task<string> ProgramAsync(TierDowngradeMode mode)
    {
        var program = await CreateProgramAsync(silo);
        await silo.Programs.SetTierPolicyAsync(new SetTierPolicyRequest
        {
            RequestId = NewId("req"), ProgramId = program,
            TierPolicy = new TierPolicy { Metric = TierMetric.QualifyingSpend, WindowMonths = 12, ReviewMonths = 12, GraceDays = 30, DowngradeMode = mode },
        });
        foreach (var (id, threshold) in new[] { ("silver", 10_000L), ("gold", 50_000L) })
        {
            await silo.Programs.UpsertTierAsync(new UpsertTierRequest
            {
                RequestId = NewId("req"), ProgramId = program,
                Tier = new Tier { TierId = id, Name = id, Threshold = threshold, EarnMultiplierPercent = 100 },
            });
        }
        return program;
    }

    private async Task<Member> MemberAsync(string program, string member) =>
        (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member;

    private static RecordReturnRequest Return(string programId, string memberId, string transactionId, params (string Sku, long Quantity)[] lines)
    {
        var request = new RecordReturnRequest
        {
            RequestId = NewId("req"), ProgramId = programId, MemberId = memberId, TransactionId = transactionId, MerchantId = "merchant-1",
        };
        request.Lines.AddRange(lines.Select(l => new ReturnLine { Sku = l.Sku, Quantity = l.Quantity }));
        return request;
    }
}
