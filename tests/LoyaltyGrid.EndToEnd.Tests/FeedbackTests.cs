using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>The Feedback service over gRPC against the real silo: submissions, the completion reward, summaries and lists from the projection.</summary>
public sealed class FeedbackTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    private Feedback.FeedbackClient Admin => new(silo.Silo.Channel);

    private Feedback.FeedbackClient Raw => new(silo.Silo.GrpcChannel);

    private static SubmitFeedbackRequest Answer(string program, string member, string transactionId, int? nps, int? csat,
        string terminal = "till-1", string merchant = "merchant-1", string store = "store-1")
    {
        var request = new SubmitFeedbackRequest
        {
            RequestId = Pos.NewId("fb"), ProgramId = program, MemberId = member, TransactionId = transactionId, MerchantId = merchant,
            StoreId = store, TerminalId = terminal, Channel = FeedbackChannel.Pos, Comment = "thanks",
        };
        if (nps is { } n)
        {
            request.Nps = n;
        }
        if (csat is { } c)
        {
            request.Csat = c;
        }
        return request;
    }

    private async Task<(string Member, string TransactionId)> BuyAsync(string program, long priceMinor = 1_000)
    {
        var member = await Pos.EnrollAsync(silo, program);
        var purchase = await silo.Checkout.RecordPurchaseAsync(Pos.Purchase(program, member, ("sku-1", 1, priceMinor)));
        return (member, purchase.TransactionId);
    }

    /// <summary>The projection trails the journal by its poll interval: ask until <paramref name="done"/> holds.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Submitted_feedback_gives_the_summary_worked_by_hand_and_a_transaction_takes_one_feedback()
    {
        var program = await Pos.CreateProgramAsync(silo);
        var (ann, annTx) = await BuyAsync(program);
        var (bob, bobTx) = await BuyAsync(program);
        var (cat, catTx) = await BuyAsync(program);
        var (dan, _) = await BuyAsync(program);
        await silo.Checkout.RecordPurchaseAsync(Pos.Purchase(program, dan, ("sku-2", 1, 500)));
        var till = TestKeys.Authorization(await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.Terminal, program, "merchant-1", "store-1"));

        var first = Answer(program, ann, annTx, 10, 5);
        var submitted = await Raw.SubmitFeedbackAsync(first, till);
        var retried = await Raw.SubmitFeedbackAsync(first, till);
        await Raw.SubmitFeedbackAsync(Answer(program, bob, bobTx, 9, null), till);
        await Raw.SubmitFeedbackAsync(Answer(program, cat, catTx, 3, 2, terminal: "till-2"), till);
        await Raw.SubmitFeedbackAsync(Answer(program, dan, "", 7, 4, terminal: ""), till);
        var second = await Pos.RefusedAsync(Raw.SubmitFeedbackAsync(Answer(program, ann, annTx, 0, 1), till));
        var unknown = await Pos.RefusedAsync(Raw.SubmitFeedbackAsync(Answer(program, ann, $"tx_{Guid.CreateVersion7():N}", 5, null), till));
        var othersPurchase = await Pos.RefusedAsync(Raw.SubmitFeedbackAsync(Answer(program, dan, bobTx, 5, null), till));
        var stranger = await Pos.RefusedAsync(Raw.SubmitFeedbackAsync(Answer(program, Pos.NewId("mem"), "", 5, null), till));

        Assert.Equal(submitted, retried);
        Assert.Equal((annTx, 10, 5, false, 0L), (submitted.Feedback.TransactionId, submitted.Feedback.Nps, submitted.Feedback.Csat,
            submitted.Feedback.Incentivised, submitted.Feedback.RewardPoints));
        Assert.Equal((StatusCode.AlreadyExists, "FEEDBACK_ALREADY_GIVEN"), (second.Code, second.Reason));
        Assert.Equal((StatusCode.NotFound, "TRANSACTION_NOT_FOUND"), (unknown.Code, unknown.Reason));
        Assert.Equal((StatusCode.NotFound, "TRANSACTION_NOT_FOUND"), (othersPurchase.Code, othersPurchase.Reason));
        Assert.Equal((StatusCode.NotFound, "MEMBER_NOT_FOUND"), (stranger.Code, stranger.Reason));

        var summary = await EventuallyAsync(
            () => Admin.GetFeedbackSummaryAsync(new GetFeedbackSummaryRequest
                { ProgramId = program, MerchantId = "merchant-1", Bucket = FeedbackTrendBucket.Month }).ResponseAsync,
            s => s.Figures.Responses == 4 && s.Purchases == 5);

        // NPS 10, 9, 3, 7: two promoters and one detractor of four answers, 50% - 25% = 25. CSAT 5, 2, 4: two of three
        // satisfied. Three feedbacks about a transaction over five purchases: 0.6.
        Assert.Equal(new FeedbackFigures
        {
            Responses = 4, WithTransaction = 3, NpsAnswers = 4, Promoters = 2, Passives = 1, Detractors = 1, Nps = 25,
            CsatAnswers = 3, CsatSatisfied = 2, Csat = 200.0 / 3,
        }, summary.Figures);
        Assert.Equal((5L, 0.6), (summary.Purchases, summary.ResponseRate));
        Assert.Equal((0L, 4L), (summary.Incentivised.Responses, summary.Unincentivised.Responses));
        var month = Assert.Single(summary.Trend);
        var today = DateTime.UtcNow;
        Assert.Equal((Timestamp.FromDateTime(new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc)), 4L, 5L),
            (month.Start, month.Figures.Responses, month.Purchases));
        var store = Assert.Single(summary.Stores);
        Assert.Equal(("store-1", 5L, "=1,till-1=2,till-2=1"),
            (store.StoreId, store.Purchases, string.Join(",", store.Terminals.Select(t => $"{t.TerminalId}={t.Responses}"))));
    }

    [Fact]
    public async Task The_completion_reward_is_paid_once_whatever_the_score_and_is_a_line_of_the_statement()
    {
        var program = await Pos.CreateProgramAsync(silo);
        var set = await silo.Programs.SetFeedbackRewardAsync(new SetFeedbackRewardRequest
        {
            RequestId = Pos.NewId("req"), ProgramId = program, FeedbackReward = new FeedbackReward { Points = 50 },
        });
        var (ann, annTx) = await BuyAsync(program);
        var (bob, bobTx) = await BuyAsync(program);
        var till = TestKeys.Authorization(await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.Terminal, program, "merchant-1", "store-1"));

        var detractor = Answer(program, ann, annTx, 0, 1);
        var answered = await Raw.SubmitFeedbackAsync(detractor, till);
        var retried = await Raw.SubmitFeedbackAsync(detractor, till);
        var promoter = await Raw.SubmitFeedbackAsync(Answer(program, bob, bobTx, 10, 5), till);

        Assert.Equal(50, set.FeedbackReward.Points);
        Assert.Equal(50, (await silo.Programs.GetProgramAsync(new GetProgramRequest { ProgramId = program })).Rules.FeedbackReward.Points);
        Assert.Equal(answered, retried);
        Assert.Equal((true, 50L), (answered.Feedback.Incentivised, answered.Feedback.RewardPoints));
        Assert.Equal((true, 50L), (promoter.Feedback.Incentivised, promoter.Feedback.RewardPoints));
        foreach (var member in new[] { ann, bob })
        {
            var balance = (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member.Balance;
            // 100 points of the purchase, 50 of the feedback: once, though the feedback was sent twice.
            Assert.Equal((150L, 150L), (balance.Available, balance.LifetimeEarned));
            var line = Assert.Single(await Pos.LedgerAsync(silo, program, member), e => e.Type == LedgerEntryType.FeedbackReward);
            Assert.Equal((50L, "feedback-reward"), (line.Points, line.Rule));
        }
        var summary = await EventuallyAsync(
            () => Admin.GetFeedbackSummaryAsync(new GetFeedbackSummaryRequest { ProgramId = program }).ResponseAsync,
            s => s.Figures.Responses == 2);
        Assert.Equal((2L, 0L, 0.0), (summary.Incentivised.Responses, summary.Unincentivised.Responses, summary.Incentivised.Nps));
    }

    [Fact]
    public async Task Bad_feedback_is_refused_field_by_field_and_changes_nothing()
    {
        var program = await Pos.CreateProgramAsync(silo);
        var (ann, annTx) = await BuyAsync(program);
        var neither = Answer(program, ann, annTx, null, null);
        var outOfRange = Answer(program, ann, annTx, 11, 6);
        outOfRange.Comment = new string('x', 1001);
        outOfRange.Channel = FeedbackChannel.Unspecified;
        var badIds = Answer(program, "ann smith", "tx 1", 5, null, merchant: "");

        var refusals = new[]
        {
            await Pos.RefusedAsync(Admin.SubmitFeedbackAsync(neither)),
            await Pos.RefusedAsync(Admin.SubmitFeedbackAsync(outOfRange)),
            await Pos.RefusedAsync(Admin.SubmitFeedbackAsync(badIds)),
        };
        var accepted = await Admin.SubmitFeedbackAsync(Answer(program, ann, annTx, 8, null));

        Assert.Equal(
        [
            "INVALID_ARGUMENT INVALID_REQUEST nps",
            "INVALID_ARGUMENT INVALID_REQUEST comment, nps, csat, channel",
            "INVALID_ARGUMENT INVALID_REQUEST member_id, transaction_id, merchant_id",
        ], refusals.Select(r => $"{(r.Code == StatusCode.InvalidArgument ? "INVALID_ARGUMENT" : r.Code.ToString())} {r.Reason} {string.Join(", ", r.Fields)}"));
        // The refused ones took nothing: the transaction still takes its one feedback.
        Assert.Equal(annTx, accepted.Feedback.TransactionId);
        var listed = await EventuallyAsync(
            () => Admin.ListFeedbackAsync(new ListFeedbackRequest { ProgramId = program }).ResponseAsync, l => l.Feedback.Count >= 1);
        Assert.Equal([accepted.Feedback.FeedbackId], listed.Feedback.Select(f => f.FeedbackId));
    }

    [Fact]
    public async Task An_old_transaction_is_past_the_feedback_window_and_bad_summary_periods_are_refused()
    {
        var program = await Pos.CreateProgramAsync(silo);
        var member = await Pos.EnrollAsync(silo, program);
        var old = $"tx_{Guid.CreateVersion7(DateTimeOffset.UtcNow.AddDays(-120)):N}";
        var day = Timestamp.FromDateTime(new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc));

        var closed = await Pos.RefusedAsync(Admin.SubmitFeedbackAsync(Answer(program, member, old, 9, null)));
        var period = await Pos.RefusedAsync(Admin.GetFeedbackSummaryAsync(new GetFeedbackSummaryRequest
        {
            ProgramId = program, StoreId = "store-1", From = day, To = Timestamp.FromDateTime(new DateTime(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc)),
        }));
        var reversed = await Pos.RefusedAsync(Admin.ListFeedbackAsync(new ListFeedbackRequest { ProgramId = program, From = day, To = day, PageSize = 500 }));

        Assert.Equal((StatusCode.FailedPrecondition, "FEEDBACK_WINDOW_CLOSED"), (closed.Code, closed.Reason));
        Assert.Equal((StatusCode.InvalidArgument, "store_id, to"), (period.Code, string.Join(", ", period.Fields)));
        Assert.Equal((StatusCode.InvalidArgument, "to, page_size"), (reversed.Code, string.Join(", ", reversed.Fields)));
    }

    [Fact]
    public async Task ListFeedback_pages_newest_first_filters_detractors_and_keeps_a_merchant_to_its_own()
    {
        var program = await Pos.CreateProgramAsync(silo);
        var member = await Pos.EnrollAsync(silo, program);
        var ids = new List<string>();
        foreach (var (nps, csat) in new (int?, int?)[] { (1, null), (9, null), (6, 3), (10, 5), (null, 1) })
        {
            ids.Add((await Admin.SubmitFeedbackAsync(Answer(program, member, "", nps, csat))).Feedback.FeedbackId);
        }
        var elsewhere = (await Admin.SubmitFeedbackAsync(Answer(program, member, "", 0, null, merchant: "merchant-2", store: "s-9"))).Feedback.FeedbackId;
        var office = TestKeys.Authorization(await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.MerchantAdmin, program, "merchant-1"));

        var all = await EventuallyAsync(
            () => Admin.ListFeedbackAsync(new ListFeedbackRequest { ProgramId = program }).ResponseAsync, l => l.Feedback.Count == 6);
        var first = await Raw.ListFeedbackAsync(new ListFeedbackRequest { ProgramId = program, DetractorsOnly = true, PageSize = 2 }, office);
        var last = await Raw.ListFeedbackAsync(new ListFeedbackRequest
            { ProgramId = program, DetractorsOnly = true, PageSize = 2, PageToken = first.NextPageToken }, office);
        var badToken = await Pos.RefusedAsync(Admin.ListFeedbackAsync(new ListFeedbackRequest { ProgramId = program, PageToken = "not-a-token" }));
        var otherMerchant = await Pos.RefusedAsync(Raw.ListFeedbackAsync(new ListFeedbackRequest { ProgramId = program, MerchantId = "merchant-2" }, office));

        Assert.Equal([elsewhere, .. Enumerable.Reverse(ids)], all.Feedback.Select(f => f.FeedbackId));
        // NPS 1, NPS 6 and CSAT 1 want a follow-up; merchant-2's NPS 0 is not the office's to see.
        Assert.Equal([ids[4], ids[2]], first.Feedback.Select(f => f.FeedbackId));
        Assert.Equal([ids[0]], last.Feedback.Select(f => f.FeedbackId));
        Assert.Equal("", last.NextPageToken);
        Assert.Equal((StatusCode.InvalidArgument, "page_token"), (badToken.Code, string.Join(",", badToken.Fields)));
        Assert.Equal((StatusCode.PermissionDenied, "OUTSIDE_KEY_SCOPE"), (otherMerchant.Code, otherMerchant.Reason));
    }
}
