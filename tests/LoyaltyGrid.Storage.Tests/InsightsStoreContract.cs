using LoyaltyGrid.Domain.CustomerFeedback;
using LoyaltyGrid.Storage.Insights;

namespace LoyaltyGrid.Storage.Tests;

/// <summary>
/// What every <see cref="IInsightsStore"/> backend must do: add a batch to what is stored, merged per row, together
/// with its checkpoint or not at all. The class's tests share one database (and so one checkpoint) and run one at a
/// time; each uses a program of its own.
/// </summary>
public abstract class InsightsStoreContract(IInsightsStore insights)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly MondayDate = new(2026, 3, 2);

    [Fact]
    public async Task Batches_add_to_the_stored_rows_keep_the_earliest_and_latest_times_and_the_latest_tier()
    {
        var program = NewProgram();
        var start = (await insights.ReadCheckpointAsync(None)).Position;
        var first = Batch(start, 7, [
            new MemberFactsChange(program, "ann")
            {
                EnrolledAt = Monday.AddDays(-30), FirstPurchaseAt = Monday, LastPurchaseAt = Monday, Purchases = 1, SpendMinor = 1_000,
                PointsEarned = 100, TierId = "silver", TierSequence = 3,
            },
        ], [new MemberDayChange(program, "ann", MondayDate, 1, 1_000)]);
        var second = Batch(first.To, 3, [
            new MemberFactsChange(program, "ann")
            {
                FirstPurchaseAt = Monday.AddDays(-400), LastPurchaseAt = Monday.AddDays(-400), Purchases = 2, ImportedPurchases = 2,
                SpendMinor = 250, Returns = 1, ReturnedMinor = 400, PointsRedeemed = 30, PointsExpired = 5, PointsReversed = 40,
            },
            new MemberFactsChange(program, "bob") { TierId = "gold", TierSequence = 2 },
        ], [
            new MemberDayChange(program, "ann", MondayDate, 1, 500),
            new MemberDayChange(program, "ann", MondayDate.AddDays(-400), 1, -250),
        ]);
        var third = Batch(second.To, 1, [new MemberFactsChange(program, "ann") { TierId = null, TierSequence = 9 }], []);

        Assert.True(await insights.ApplyAsync(first, None));
        Assert.True(await insights.ApplyAsync(second, None));
        Assert.True(await insights.ApplyAsync(third, None));

        Assert.Equal(
            new MemberFacts(program, "ann", Monday.AddDays(-30), Monday.AddDays(-400), Monday, 3, 2, 1_250, 1, 400, 100, 30, 5, 40, null, 2),
            await insights.ReadMemberAsync(program, "ann", None));
        Assert.Equal("gold", (await insights.ReadMemberAsync(program, "bob", None))!.TierId);
        Assert.Equal(
            [new MemberPurchaseDay("ann", MondayDate.AddDays(-400), 1, -250), new MemberPurchaseDay("ann", MondayDate, 2, 1_500)],
            await insights.ReadMemberPurchaseDaysAsync(program, "ann", None));
        Assert.Equal([new MemberPurchaseDay("ann", MondayDate, 2, 1_500)],
            await insights.ReadPurchaseDaysAsync(program, MondayDate, MondayDate.AddDays(1), None));
        var checkpoint = await insights.ReadCheckpointAsync(None);
        Assert.Equal(third.To, checkpoint.Position);
    }

    [Fact]
    public async Task Feedback_summary_figures_response_rate_trend_and_detractor_pages_are_read_as_worked_by_hand()
    {
        var program = NewProgram();
        var start = (await insights.ReadCheckpointAsync(None)).Position;
        FeedbackRow Row(string member, string? tx, string merchant, string store, string terminal, int? nps, int? csat, long reward, int day) =>
            new(program, $"fb_{member}", member, tx, merchant, store, terminal, nps, csat, $"comment of {member}", 1, reward,
                Monday.AddDays(day));
        var batch = new InsightsBatch(start, new JournalPosition(Math.Max(start.Commit, 0) + 1, "feedback/x", 1), 5, [], [],
        [
            new DailyChange(program, MondayDate, "m1", "s1") { Purchases = 3, ImportedPurchases = 1 },
            new DailyChange(program, MondayDate.AddDays(1), "m1", "s1") { Purchases = 2 },
            new DailyChange(program, MondayDate.AddDays(7), "m1", "s2") { Purchases = 4 },
            new DailyChange(program, MondayDate.AddDays(8), "m2", "s9") { Purchases = 2 },
            new DailyChange(program, MondayDate, "", "") { Enrolments = 5 },
        ], [])
        {
            Feedback =
            [
                Row("ann", "tx-1", "m1", "s1", "till-1", 10, 5, 50, 0),
                Row("bob", "tx-2", "m1", "s1", "till-2", 6, null, 0, 1),
                Row("cat", null, "m1", "s1", "", 8, 2, 0, 2),
                Row("dan", "tx-4", "m1", "s2", "till-1", 9, 4, 0, 7),
                Row("eve", "tx-5", "m2", "s9", "till-9", 0, 1, 0, 8),
            ],
        };
        Assert.True(await insights.ApplyAsync(batch, None));

        async Task<FeedbackSummary> SummaryAsync(FeedbackFilter filter) => FeedbackSummary.Of(
            [.. (await insights.ReadFeedbackCountsAsync(program, filter, None)).Select(c => new FeedbackCount(c.Day, c.MerchantId, c.StoreId,
                c.TerminalId, c.Incentivised, c.Responses, c.WithTransaction, c.NpsAnswers, c.Promoters, c.Detractors, c.CsatAnswers, c.CsatSatisfied))],
            [.. (await insights.ReadStorePurchasesAsync(program, filter, None)).Select(p => new PurchaseCount(p.Day, p.MerchantId, p.StoreId, p.Purchases))],
            FeedbackBucket.Week);
        var m1 = await SummaryAsync(new FeedbackFilter("m1", null, null, null));
        var firstWeek = await SummaryAsync(new FeedbackFilter("m1", null, MondayDate, MondayDate.AddDays(7)));

        // NPS 10, 6, 8, 9: two promoters, one detractor of four: 25. CSAT 5, 2, 4: two of three. Three feedbacks about a
        // transaction over 2 + 2 + 4 purchases (the imported one left out).
        Assert.Equal(new FeedbackFigures(4, 3, 4, 2, 1, 1, 25.0, 3, 2, 200.0 / 3), m1.Figures);
        Assert.Equal((1L, 3L), (m1.Incentivised.Responses, m1.Unincentivised.Responses));
        Assert.Equal((8L, 0.375), (m1.Purchases, m1.ResponseRate));
        Assert.Equal([(MondayDate, 3L, 4L, (double?)0.5), (MondayDate.AddDays(7), 1L, 4L, (double?)0.25)],
            m1.Trend.Select(t => (t.Start, t.Figures.Responses, t.Purchases, t.ResponseRate)));
        Assert.Equal([("s1", "=1,till-1=1,till-2=1"), ("s2", "till-1=1")],
            m1.Stores.Select(s => (s.StoreId, string.Join(",", s.Terminals.Select(t => $"{t.TerminalId}={t.Responses}")))));
        Assert.Equal((3L, 4L), (firstWeek.Figures.Responses, firstWeek.Purchases));

        var page = await insights.ListFeedbackAsync(program, new FeedbackFilter(null, null, null, null), detractorsOnly: true, 2, null, None);
        var last = await insights.ListFeedbackAsync(program, new FeedbackFilter(null, null, null, null), detractorsOnly: true, 2, page.Next, None);
        Assert.Equal(["fb_eve", "fb_cat"], page.Rows.Select(r => r.FeedbackId));
        Assert.Equal(["fb_bob"], last.Rows.Select(r => r.FeedbackId));
        Assert.Null(last.Next);
        Assert.Equal(Row("eve", "tx-5", "m2", "s9", "till-9", 0, 1, 0, 8), page.Rows[0]);
        var store = await insights.ListFeedbackAsync(program, new FeedbackFilter("m1", "s1", null, MondayDate.AddDays(1)), false, 10, null, None);
        Assert.Equal(["fb_ann"], store.Rows.Select(r => r.FeedbackId));
    }

    [Fact]
    public async Task Segment_members_are_counted_per_segment_and_listed_in_member_id_pages_after_entering_and_leaving()
    {
        var program = NewProgram();
        var start = (await insights.ReadCheckpointAsync(None)).Position;
        var first = Batch(start, 4, [], []) with
        {
            SegmentMembers = [.. new[] { "m-c", "m-a", "m-b", "M-z" }.Select(m => new SegmentMemberChange(program, "vip", m, In: true)),
                new SegmentMemberChange(program, "lapsed", "m-a", In: true)],
        };
        var second = Batch(first.To, 2, [], []) with
        {
            SegmentMembers = [new SegmentMemberChange(program, "vip", "m-b", In: false), new SegmentMemberChange(program, "vip", "m-a", In: true),
                new SegmentMemberChange(program, "lapsed", "m-x", In: false)],
        };

        Assert.True(await insights.ApplyAsync(first, None));
        Assert.True(await insights.ApplyAsync(second, None));

        var counts = await insights.CountSegmentMembersAsync(program, None);
        Assert.Equal(new Dictionary<string, long> { ["vip"] = 3, ["lapsed"] = 1 }, counts.OrderBy(c => c.Key).ToDictionary());
        var page1 = await insights.ListSegmentMembersAsync(program, "vip", null, 2, None);
        Assert.Equal(new SegmentMembersPage(page1.MemberIds, "m-a"), page1);
        Assert.Equal(["M-z", "m-a"], page1.MemberIds);
        var page2 = await insights.ListSegmentMembersAsync(program, "vip", page1.NextAfter, 2, None);
        Assert.Equal(["m-c"], page2.MemberIds);
        Assert.Null(page2.NextAfter);
        Assert.Empty((await insights.ListSegmentMembersAsync(program, "none", null, 10, None)).MemberIds);
    }

    [Fact]
    public async Task Purchase_days_merge_a_later_day_the_same_day_and_a_day_among_the_stored_ones()
    {
        var program = NewProgram();
        var position = (await insights.ReadCheckpointAsync(None)).Position;
        var day = (int offset) => MondayDate.AddDays(offset);
        (int Day, long Purchases, long Spend)[][] batches =
        [
            [(0, 1, 100)],
            [(0, 1, 10), (3, 2, 200)],  // the stored last day again, then a later one
            [(10, 1, 50)],              // after the last: appended
            [],                         // no purchase (a redemption, say): the days stay
            [(3, 1, 1), (20, 1, 7)],    // one among the stored days, one after: merged
            [(45, 1, 4), (30, 1, 3)],   // two later days (another month) listed latest first: appended in day order
        ];
        foreach (var days in batches)
        {
            var batch = Batch(position, 1, [new MemberFactsChange(program, "ann") { Purchases = days.Sum(d => d.Purchases) }],
                [.. days.Select(d => new MemberDayChange(program, "ann", day(d.Day), d.Purchases, d.Spend))]);
            Assert.True(await insights.ApplyAsync(batch, None));
            position = batch.To;
        }

        Assert.Equal(
        [
            new MemberPurchaseDay("ann", day(0), 2, 110), new MemberPurchaseDay("ann", day(3), 3, 201),
            new MemberPurchaseDay("ann", day(10), 1, 50), new MemberPurchaseDay("ann", day(20), 1, 7),
            new MemberPurchaseDay("ann", day(30), 1, 3), new MemberPurchaseDay("ann", day(45), 1, 4),
        ], await insights.ReadMemberPurchaseDaysAsync(program, "ann", None));
        Assert.Equal(6, (await insights.ReadMemberAsync(program, "ann", None))!.PurchaseDays);
        // A period's active and repeat members binary-search the stored days, so these hold only if they are in day order.
        var late = await insights.ReadProgramTotalsAsync(program, day(25), day(40), new MetricsFilter(null, null, 90), None);
        var early = await insights.ReadProgramTotalsAsync(program, day(1), day(25), new MetricsFilter(null, null, 90), None);
        Assert.Equal((1L, 0L, 1L, 1L), (late.ActiveMembers, late.RepeatMembers, early.ActiveMembers, early.RepeatMembers));
        Assert.Equal([new MemberPurchaseDay("ann", day(3), 3, 201), new MemberPurchaseDay("ann", day(10), 1, 50)],
            await insights.ReadPurchaseDaysAsync(program, day(1), day(20), None));
    }

    [Fact]
    public async Task A_tier_of_an_earlier_event_than_the_stored_one_does_not_replace_it()
    {
        var program = NewProgram();
        var start = (await insights.ReadCheckpointAsync(None)).Position;
        var later = Batch(start, 1, [new MemberFactsChange(program, "ann") { TierId = "gold", TierSequence = 8 }], []);
        var earlier = Batch(later.To, 1, [new MemberFactsChange(program, "ann") { TierId = "silver", TierSequence = 5 }], []);

        await insights.ApplyAsync(later, None);
        await insights.ApplyAsync(earlier, None);

        Assert.Equal("gold", (await insights.ReadMemberAsync(program, "ann", None))!.TierId);
    }

    [Fact]
    public async Task A_batch_read_after_a_checkpoint_that_has_moved_on_changes_nothing()
    {
        var program = NewProgram();
        var start = (await insights.ReadCheckpointAsync(None)).Position;
        var applied = Batch(start, 2, [new MemberFactsChange(program, "ann") { Purchases = 1 }], []);
        // The same events, projected by a second silo that read the checkpoint before the first one applied them.
        var again = Batch(start, 2, [new MemberFactsChange(program, "ann") { Purchases = 1 }], [new MemberDayChange(program, "ann", MondayDate, 1, 9)]);

        Assert.True(await insights.ApplyAsync(applied, None));
        Assert.False(await insights.ApplyAsync(again, None));

        Assert.Equal(1, (await insights.ReadMemberAsync(program, "ann", None))!.Purchases);
        Assert.Empty(await insights.ReadMemberPurchaseDaysAsync(program, "ann", None));
        Assert.Equal(applied.To, (await insights.ReadCheckpointAsync(None)).Position);
    }

    [Fact]
    public async Task Reset_empties_the_tables_and_puts_the_checkpoint_back_at_the_start()
    {
        var program = NewProgram();
        var start = (await insights.ReadCheckpointAsync(None)).Position;
        await insights.ApplyAsync(Batch(start, 5, [new MemberFactsChange(program, "ann") { Purchases = 1 }],
            [new MemberDayChange(program, "ann", MondayDate, 1, 9)]), None);

        await insights.ResetAsync(None);

        Assert.Null(await insights.ReadMemberAsync(program, "ann", None));
        Assert.Empty(await insights.ReadMemberPurchaseDaysAsync(program, "ann", None));
        var checkpoint = await insights.ReadCheckpointAsync(None);
        Assert.Equal((JournalPosition.Start, 0L), (checkpoint.Position, checkpoint.Events));
    }

    [Fact]
    public async Task Program_totals_of_a_period_count_its_members_days_and_sums_as_worked_out_by_hand()
    {
        var program = NewProgram();
        var start = (await insights.ReadCheckpointAsync(None)).Position;
        var at = (int month, int day) => new DateTimeOffset(2026, month, day, 10, 0, 0, TimeSpan.Zero);
        var on = (int month, int day) => new DateOnly(2026, month, day);
        var batch = new InsightsBatch(start, new JournalPosition(Math.Max(start.Commit, 0) + 1, "member/x", 1), 1,
        [
            new MemberFactsChange(program, "ann") { EnrolledAt = at(2, 10) },   // before the period: a member, not new
            new MemberFactsChange(program, "bob") { EnrolledAt = at(3, 3) },    // new in the period
            new MemberFactsChange(program, "cat") { EnrolledAt = at(4, 1) },    // after its end: not counted
        ],
        [
            new MemberDayChange(program, "ann", on(2, 27), 1, 700),             // before the period
            new MemberDayChange(program, "ann", on(3, 2), 2, 3_000),
            new MemberDayChange(program, "ann", on(3, 20), 1, 1_000),           // ann: two days in the period, a repeat member
            new MemberDayChange(program, "bob", on(3, 5), 1, 500),
            new MemberDayChange(program, "cat", on(4, 1), 1, 900),              // after it
        ],
        [
            new DailyChange(program, on(2, 27), "", "") { Purchases = 1, SpendMinor = 700, PointsEarned = 70 },
            new DailyChange(program, on(3, 2), "acme", "s1") { Purchases = 2, SpendMinor = 3_000, PointsEarned = 300 },
            new DailyChange(program, on(3, 5), "", "") { Purchases = 1, SpendMinor = 500, PointsEarned = 50 },
            new DailyChange(program, on(3, 15), "", "") { PointsExpired = 20 },
            new DailyChange(program, on(3, 20), "acme", "s2") { Purchases = 1, SpendMinor = 1_000, PointsEarned = 100, PointsRedeemed = 80 },
            new DailyChange(program, on(4, 1), "", "") { Purchases = 1, SpendMinor = 900, PointsEarned = 90 },
        ], []);
        Assert.True(await insights.ApplyAsync(batch, None));

        var march = await insights.ReadProgramTotalsAsync(program, on(3, 1), on(4, 1), new MetricsFilter(null, null, 90), None);
        var empty = await insights.ReadProgramTotalsAsync(program, on(1, 1), on(2, 1), new MetricsFilter(null, null, 90), None);

        // Members: ann, bob (cat enrolled after the end); new: bob; active: ann, bob; repeat: ann.
        // Purchases 2 + 1 + 1 = 4, spend 3000 + 500 + 1000 = 4500, earned 300 + 50 + 100 = 450, redeemed 80, expired 20.
        Assert.Equal(new ProgramTotals(2, 1, 2, 1, 4, 4_500, 450, 80, 20, 0), march);
        Assert.Equal(new ProgramTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), empty);
    }

    [Fact]
    public async Task Program_totals_at_a_merchant_or_store_and_the_churned_members_as_worked_out_by_hand()
    {
        var program = NewProgram();
        var start = (await insights.ReadCheckpointAsync(None)).Position;
        var on = (int month, int day) => new DateOnly(2026, month, day);
        var visits = new (string Member, string Merchant, string Store, DateOnly Day, long Spend)[]
        {
            ("ann", "acme", "s1", on(2, 10), 0), ("ann", "acme", "s1", on(3, 20), 200), ("ann", "acme", "s2", on(3, 20), 300),
            ("bob", "acme", "s1", on(3, 5), 100), ("bob", "zed", "z1", on(3, 25), 400),
            ("cat", "zed", "z1", on(1, 15), 0),
            ("dan", "acme", "s1", on(3, 1), 500), ("dan", "acme", "s1", on(3, 10), 600),
            ("eve", "acme", "s2", on(3, 2), 700),
        };
        // As the projector writes them: a member's purchase days come with a change of the member's own row.
        var enrolled = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var batch = new InsightsBatch(start, new JournalPosition(Math.Max(start.Commit, 0) + 1, "member/x", 1), 1,
            [.. visits.Select(v => v.Member).Distinct().Select(m => new MemberFactsChange(program, m) { EnrolledAt = enrolled })],
            [.. visits.GroupBy(v => (v.Member, v.Day)).Select(g => new MemberDayChange(program, g.Key.Member, g.Key.Day, g.Count(), g.Sum(v => v.Spend)))],
            [
                .. visits.Where(v => v.Day >= on(3, 1)).Select(v => new DailyChange(program, v.Day, v.Merchant, v.Store)
                {
                    Purchases = 1, SpendMinor = v.Spend, PointsEarned = v.Spend / 10,
                }),
                new DailyChange(program, on(3, 20), "acme", "") { PointsRedeemed = 50 },
                new DailyChange(program, on(3, 15), "", "") { PointsExpired = 5 },
            ],
            [.. visits.Select(v => new MemberStoreDayChange(program, v.Merchant, v.Store, v.Member, v.Day))]);
        Assert.True(await insights.ApplyAsync(batch, None));

        var march = (string? merchant, string? store) =>
            insights.ReadProgramTotalsAsync(program, on(3, 1), on(4, 1), new MetricsFilter(merchant, store, 20), None);

        // Churn cutoff 20 days before April 1st: March 12. Everywhere: active ann, bob, dan, eve; repeat bob, dan (ann's two
        // purchases are one day); churned cat (January), dan (last March 10), eve (March 2).
        Assert.Equal(new ProgramTotals(5, 0, 4, 2, 7, 2_800, 280, 50, 5, 3), await march(null, null));
        // At acme: bob's last purchase there is March 5, so he churned there though not from the program; ann's day at
        // two of its stores is one day; the expiry belongs to no merchant.
        Assert.Equal(new ProgramTotals(5, 0, 4, 1, 6, 2_400, 240, 50, 0, 3), await march("acme", null));
        // At acme's s1: ann, bob, dan; the redemption was at the merchant, not at a store.
        Assert.Equal(new ProgramTotals(5, 0, 3, 1, 4, 1_400, 140, 0, 0, 2), await march("acme", "s1"));
    }

    [Fact]
    public async Task Retention_counts_each_cohorts_buyers_per_month_after_as_worked_out_by_hand()
    {
        var program = NewProgram();
        var start = (await insights.ReadCheckpointAsync(None)).Position;
        var at = (int year, int month, int day, int hour) => new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero);
        var on = (int year, int month, int day) => new DateOnly(year, month, day);
        var member = (string id, DateTimeOffset enrolled, DateTimeOffset? first) =>
            new MemberFactsChange(program, id) { EnrolledAt = enrolled, FirstPurchaseAt = first };
        var days = new (string Member, DateOnly Day)[]
        {
            ("ann", on(2026, 1, 15)), ("ann", on(2026, 1, 20)), ("ann", on(2026, 3, 5)),     // two days in January: one buyer
            ("bob", on(2025, 12, 20)), ("bob", on(2026, 2, 1)),                              // December: before his enrolment
            ("fay", on(2026, 1, 6)), ("fay", on(2026, 2, 20)),
            ("cat", on(2026, 2, 14)), ("cat", on(2026, 3, 1)), ("cat", on(2026, 5, 3)),      // May: 3 months after, beyond 2
            ("eve", on(2026, 4, 1)),                                                         // enrolled after the period
        };
        var batch = new InsightsBatch(start, new JournalPosition(Math.Max(start.Commit, 0) + 1, "member/x", 1), 1,
        [
            member("ann", at(2026, 1, 10, 9), at(2026, 1, 15, 9)),
            member("bob", at(2026, 1, 31, 23), at(2025, 12, 20, 9)),   // 23:00 UTC on the 31st: January's
            member("fay", at(2026, 1, 5, 9), at(2026, 1, 6, 9)),
            member("cat", at(2026, 2, 14, 9), at(2026, 2, 14, 9)),
            member("dan", at(2026, 2, 2, 9), null),                     // never bought
            member("eve", at(2026, 4, 1, 9), at(2026, 4, 1, 9)),
        ],
        [.. days.Select(d => new MemberDayChange(program, d.Member, d.Day, 1, 100))], [], []);
        Assert.True(await insights.ApplyAsync(batch, None));

        var byEnrolment = await insights.ReadRetentionAsync(program, false, on(2026, 1, 1), on(2026, 3, 1), 2, None);
        var byFirstPurchase = await insights.ReadRetentionAsync(program, true, on(2025, 12, 1), on(2026, 3, 1), 2, None);

        // By enrolment: January is ann, bob, fay; February cat, dan. January's month 0: ann, fay (bob's December purchase
        // is before his cohort); month 1 (February): bob, fay; month 2 (March): ann. February's month 0: cat; month 1: cat.
        Assert.Equal([new CohortSize(on(2026, 1, 1), 3), new CohortSize(on(2026, 2, 1), 2)], byEnrolment.Cohorts);
        Assert.Equal(
        [
            new RetentionCell(on(2026, 1, 1), 0, 2), new RetentionCell(on(2026, 1, 1), 1, 2), new RetentionCell(on(2026, 1, 1), 2, 1),
            new RetentionCell(on(2026, 2, 1), 0, 1), new RetentionCell(on(2026, 2, 1), 1, 1),
        ], byEnrolment.Cells);
        // By first purchase: December bob (month 2: February); January ann, fay (month 1: fay; month 2: ann); February cat.
        Assert.Equal([new CohortSize(on(2025, 12, 1), 1), new CohortSize(on(2026, 1, 1), 2), new CohortSize(on(2026, 2, 1), 1)],
            byFirstPurchase.Cohorts);
        Assert.Equal(
        [
            new RetentionCell(on(2025, 12, 1), 0, 1), new RetentionCell(on(2025, 12, 1), 2, 1),
            new RetentionCell(on(2026, 1, 1), 0, 2), new RetentionCell(on(2026, 1, 1), 1, 1), new RetentionCell(on(2026, 1, 1), 2, 1),
            new RetentionCell(on(2026, 2, 1), 0, 1), new RetentionCell(on(2026, 2, 1), 1, 1),
        ], byFirstPurchase.Cells);
    }

    [Fact]
    public async Task Monthly_points_sum_the_days_and_stores_of_each_month()
    {
        var program = NewProgram();
        var start = (await insights.ReadCheckpointAsync(None)).Position;
        var on = (int month, int day) => new DateOnly(2026, month, day);
        var batch = new InsightsBatch(start, new JournalPosition(Math.Max(start.Commit, 0) + 1, "member/x", 1), 1, [], [],
        [
            new DailyChange(program, on(1, 5), "acme", "s1") { PointsEarned = 300, PointsReversed = 20 },
            new DailyChange(program, on(1, 31), "", "") { PointsEarned = 50, PointsExpired = 7 },
            new DailyChange(program, on(1, 31), "acme", "") { PointsRedeemed = 100 },
            new DailyChange(program, on(3, 1), "", "") { PointsExpired = 9, PointsRedeemed = 1 },
        ], []);
        Assert.True(await insights.ApplyAsync(batch, None));

        Assert.Equal([new MonthlyPoints(on(1, 1), 350, 100, 7, 20), new MonthlyPoints(on(3, 1), 0, 1, 9, 0)],
            await insights.ReadMonthlyPointsAsync(program, None));
    }

    [Fact]
    public async Task Settlement_sums_before_an_instant_take_whole_days_before_its_day_and_the_events_of_its_day_before_it()
    {
        var program = NewProgram();
        var start = (await insights.ReadCheckpointAsync(None)).Position;
        // Sunday: the bakery issued 100 points (value 100 x 12 per thousand = 1,200 thousandths); Monday at 09:30 and
        // 10:30 it issued 10 and 20 more, and the operator took 5 back at 09:30, as day totals and as events.
        var sundayBakery = Figures(issued: 100, outstanding: 100, issueValue: 1_200);
        var mondayFirst = Figures(issued: 10, outstanding: 10, issueValue: 120);
        var mondaySecond = Figures(issued: 20, outstanding: 20, issueValue: 240);
        var mondayOperator = Figures(reversed: 5, outstanding: -5);
        var origin = new SettlementOriginRow(new SettlementOriginKey(program, "ann", false, "t1"), "bakery", 12);
        var batch = Batch(start, 4, [], []) with
        {
            SettlementDays =
            [
                new SettlementDayChange(program, MondayDate.AddDays(-1), "bakery", sundayBakery),
                new SettlementDayChange(program, MondayDate, "bakery", mondayFirst + mondaySecond),
                new SettlementDayChange(program, MondayDate, "", mondayOperator),
            ],
            SettlementEntries =
            [
                new SettlementEntryChange(program, Monday.AddDays(-1), "bakery", sundayBakery),
                new SettlementEntryChange(program, Monday, "bakery", mondayFirst),
                new SettlementEntryChange(program, Monday.AddHours(1), "bakery", mondaySecond),
                new SettlementEntryChange(program, Monday, "", mondayOperator),
            ],
            SettlementOrigins = [origin],
            BenefitUses =
            [
                new BenefitUseChange(program, Monday, "bakery", "free-coffee"),
                new BenefitUseChange(program, Monday.AddHours(1), "bakery", "free-coffee"),
                new BenefitUseChange(program, Monday.AddHours(2), "books", "free-coffee"),
            ],
        };

        Assert.True(await insights.ApplyAsync(batch, None));

        Assert.Empty(await insights.ReadSettlementSumsAsync(program, Monday.AddDays(-1), None));
        Assert.Equal(new Dictionary<string, SettlementFigures> { ["bakery"] = sundayBakery },
            await insights.ReadSettlementSumsAsync(program, Monday, None));
        Assert.Equal(new Dictionary<string, SettlementFigures> { ["bakery"] = sundayBakery + mondayFirst, [""] = mondayOperator },
            await insights.ReadSettlementSumsAsync(program, Monday.AddTicks(1), None));
        Assert.Equal(new Dictionary<string, SettlementFigures> { ["bakery"] = sundayBakery + mondayFirst + mondaySecond, [""] = mondayOperator },
            await insights.ReadSettlementSumsAsync(program, Monday.AddDays(3), None));
        Assert.Equal([origin], (await insights.ReadSettlementOriginsAsync(
            [origin.Key, origin.Key with { IsHold = true }, origin.Key with { Id = "t2" }], None)).Values);
        Assert.Equal([new BenefitUseCount("bakery", "free-coffee", 1)], await insights.ReadBenefitUsesAsync(program, Monday.AddMinutes(1), Monday.AddHours(2), None));
    }

    [Fact]
    public async Task Partner_referral_fees_are_summed_per_party_by_day_and_by_event_and_add_up_in_a_later_batch()
    {
        var program = NewProgram();
        var start = (await insights.ReadCheckpointAsync(None)).Position;
        // Sunday the bakery earned a 5.00 fee the books owe; Monday at 09:30 another the cafe owes, at 7.50.
        var sundayEarned = new SettlementFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ReferralFeesEarned: 500, ReferralsEarned: 1);
        var sundayOwed = new SettlementFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ReferralFeesOwed: 500, ReferralsOwed: 1);
        var mondayEarned = sundayEarned with { ReferralFeesEarned = 750 };
        var mondayOwed = sundayOwed with { ReferralFeesOwed = 750 };
        var first = Batch(start, 2, [], []) with
        {
            SettlementDays = [new SettlementDayChange(program, MondayDate.AddDays(-1), "bakery", sundayEarned), new SettlementDayChange(program, MondayDate.AddDays(-1), "books", sundayOwed)],
            SettlementEntries = [new SettlementEntryChange(program, Monday.AddDays(-1), "bakery", sundayEarned), new SettlementEntryChange(program, Monday.AddDays(-1), "books", sundayOwed)],
        };
        Assert.True(await insights.ApplyAsync(first, None));
        var second = Batch(first.To, 2, [], []) with
        {
            SettlementDays = [new SettlementDayChange(program, MondayDate, "bakery", mondayEarned), new SettlementDayChange(program, MondayDate, "cafe", mondayOwed)],
            SettlementEntries = [new SettlementEntryChange(program, Monday, "bakery", mondayEarned), new SettlementEntryChange(program, Monday, "cafe", mondayOwed)],
        };

        Assert.True(await insights.ApplyAsync(second, None));

        Assert.Equal(new Dictionary<string, SettlementFigures> { ["bakery"] = sundayEarned, ["books"] = sundayOwed },
            await insights.ReadSettlementSumsAsync(program, Monday, None));
        Assert.Equal(new Dictionary<string, SettlementFigures>
        {
            ["bakery"] = sundayEarned + mondayEarned,
            ["books"] = sundayOwed,
            ["cafe"] = mondayOwed,
        }, await insights.ReadSettlementSumsAsync(program, Monday.AddTicks(1), None));
        Assert.Equal((1_250L, 2L), (await insights.ReadSettlementSumsAsync(program, Monday.AddDays(3), None)) is var sums
            ? (sums["bakery"].ReferralFeesEarned, sums["bakery"].ReferralsEarned) : default);
    }

    [Fact]
    public async Task Reward_redemptions_are_counted_per_partner_and_reward_less_the_refunds_of_the_period()
    {
        var program = NewProgram();
        var start = (await insights.ReadCheckpointAsync(None)).Position;
        var batch = Batch(start, 5, [], []) with
        {
            RewardRedemptions =
            [
                new RewardRedemptionChange(program, Monday, "bakery", "spa", 1, 500),
                new RewardRedemptionChange(program, Monday.AddHours(1), "bakery", "spa", 1, 500),
                new RewardRedemptionChange(program, Monday.AddHours(2), "bakery", "spa", -1, -500),
                new RewardRedemptionChange(program, Monday.AddHours(1), "", "coffee", 1, 300),
                new RewardRedemptionChange(program, Monday.AddHours(3), "", "coffee", -1, -300),
                new RewardRedemptionChange(NewProgram(), Monday, "bakery", "spa", 1, 500),
            ],
        };

        Assert.True(await insights.ApplyAsync(batch, None));

        // Before the refund at 02:00: both spa codes and the coffee.
        Assert.Equal([new RewardRedemptionCount("", "coffee", 1, 300), new RewardRedemptionCount("bakery", "spa", 2, 1_000)],
            await insights.ReadRewardRedemptionsAsync(program, Monday, Monday.AddHours(2), None));
        // Whole: the coffee's refund cancels its redemption (left out), one of two spa codes is left.
        Assert.Equal([new RewardRedemptionCount("bakery", "spa", 1, 500)],
            await insights.ReadRewardRedemptionsAsync(program, Monday, Monday.AddDays(1), None));
        Assert.Empty(await insights.ReadRewardRedemptionsAsync(program, Monday.AddDays(1), Monday.AddDays(2), None));
    }

    [Fact]
    public async Task Referrals_are_listed_per_program_newest_first_paged_and_by_status_with_outcomes_of_later_batches()
    {
        var program = NewProgram();
        var start = (await insights.ReadCheckpointAsync(None)).Position;
        var first = Batch(start, 4, [], []) with
        {
            Referrals =
            [
                new ReferralRow(program, "ref_a", "CODE0001", "ann", "bob", 1, null, 0, Monday, null),
                new ReferralRow(program, "ref_b", "CODE0001", "ann", "carol", 3, 1, 0, Monday.AddHours(1), Monday.AddHours(1)),
                new ReferralRow(program, "ref_c", "CODE0002", "dan", "eve", 2, null, 500, Monday.AddHours(1), Monday.AddDays(2)),
                new ReferralRow(NewProgram(), "ref_x", "CODE0003", "x", "y", 1, null, 0, Monday, null),
            ],
        };
        var second = Batch(first.To, 1, [], []) with
        {
            ReferralOutcomes = [new ReferralOutcomeChange(program, "ref_a", 4, 6, 0, Monday.AddDays(1))],
        };

        Assert.True(await insights.ApplyAsync(first, None));
        Assert.True(await insights.ApplyAsync(second, None));

        var page1 = await insights.ListReferralsAsync(program, null, 2, null, None);
        var page2 = await insights.ListReferralsAsync(program, null, 2, page1.Next, None);
        // Newest first; ref_b and ref_c were made at the same time: the greater id first.
        Assert.Equal(["ref_c", "ref_b"], page1.Rows.Select(r => r.ReferralId));
        Assert.Equal(new ReferralCursor(Monday.AddHours(1), "ref_b"), page1.Next);
        Assert.Equal([new ReferralRow(program, "ref_a", "CODE0001", "ann", "bob", 4, 6, 0, Monday, Monday.AddDays(1))], page2.Rows);
        Assert.Null(page2.Next);
        Assert.Equal(["ref_b"], (await insights.ListReferralsAsync(program, 3, 10, null, None)).Rows.Select(r => r.ReferralId));
        Assert.Equal(new ReferralRow(program, "ref_c", "CODE0002", "dan", "eve", 2, null, 500, Monday.AddHours(1), Monday.AddDays(2)),
            Assert.Single((await insights.ListReferralsAsync(program, 2, 10, null, None)).Rows));
        Assert.Empty((await insights.ListReferralsAsync(program, 1, 10, null, None)).Rows);
    }

    [Fact]
    public async Task Contact_digests_are_found_by_digest_replaced_by_a_later_change_and_gone_once_cleared()
    {
        var program = NewProgram();
        var start = (await insights.ReadCheckpointAsync(None)).Position;
        var first = Batch(start, 3, [], []) with
        {
            ContactDigests =
            [
                new ContactDigestChange(program, "ann", "email", "e1"), new ContactDigestChange(program, "ann", "phone", "p1"),
                new ContactDigestChange(program, "bob", "email", "e1"), new ContactDigestChange(program, "bob", "phone", null),
                new ContactDigestChange(NewProgram(), "zed", "email", "e1"),
            ],
        };
        var second = Batch(first.To, 2, [], []) with
        {
            ContactDigests =
            [
                new ContactDigestChange(program, "ann", "email", "e2"), new ContactDigestChange(program, "ann", "phone", null),
                new ContactDigestChange(program, "carol", "phone", "p1"),
            ],
        };

        Assert.True(await insights.ApplyAsync(first, None));
        Assert.Equal(["ann", "bob"], await insights.ReadContactHoldersAsync(program, ["e1", "p1"], None));
        Assert.True(await insights.ApplyAsync(second, None));

        Assert.Equal(["bob"], await insights.ReadContactHoldersAsync(program, ["e1"], None));
        Assert.Equal(["ann", "carol"], await insights.ReadContactHoldersAsync(program, ["e2", "p1"], None));
        Assert.Empty(await insights.ReadContactHoldersAsync(program, ["p2"], None));
        Assert.Empty(await insights.ReadContactHoldersAsync(program, [], None));
    }

    private static SettlementFigures Figures(long issued = 0, long reversed = 0, long outstanding = 0, long issueValue = 0) =>
        new(issued, reversed, 0, 0, 0, 0, outstanding, issueValue, 0, 0);

    private static InsightsBatch Batch(JournalPosition from, long events, IReadOnlyList<MemberFactsChange> members, IReadOnlyList<MemberDayChange> days)
    {
        var to = new JournalPosition(Math.Max(from.Commit, 0) + events, $"member/p/{Guid.NewGuid():N}", events);
        var daily = days.Select(d => new DailyChange(d.ProgramId, d.Day, "acme", "s1") { Purchases = d.Purchases, SpendMinor = d.SpendMinor })
            .DistinctBy(d => d.Day).ToArray();
        var storeDays = days.Select(d => new MemberStoreDayChange(d.ProgramId, "acme", "s1", d.MemberId, d.Day)).ToArray();
        return new InsightsBatch(from, to, events, members, days, daily, storeDays);
    }

    private static string NewProgram() => $"p-{Guid.NewGuid():N}"[..20];
}
