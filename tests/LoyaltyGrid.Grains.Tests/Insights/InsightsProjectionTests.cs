using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Grains.Insights;
using LoyaltyGrid.Storage.Insights;
using LoyaltyGrid.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LoyaltyGrid.Grains.Tests.Insights;

/// <summary>
/// The projection over a journal written by real member grains: what it counts, and that a crash in the middle, a
/// second silo projecting at the same time, or a rebuild give the very same tables.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class InsightsProjectionTests(ClusterFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Purchases_a_return_and_an_enrolment_become_the_members_facts_days_and_stores()
    {
        var (program, enrolledAt) = await ShopWithAnnAsync();
        var insights = new SqliteInsightsStore(fixture.Store);

        await Projection(insights).CatchUpAsync(None);

        var today = DateOnly.FromDateTime(fixture.Time.GetUtcNow().UtcDateTime);
        var ann = await insights.ReadMemberAsync(program, "ann", None);
        Assert.Equal(new MemberFacts(program, "ann", enrolledAt, ann!.FirstPurchaseAt, ann.LastPurchaseAt,
            Purchases: 3, ImportedPurchases: 0, SpendMinor: 3_500, Returns: 1, ReturnedMinor: 500,
            PointsEarned: 350, PointsRedeemed: 0, PointsExpired: 0, PointsReversed: 50, TierId: null, PurchaseDays: 1), ann);
        Assert.Equal([new MemberPurchaseDay("ann", today, 3, 3_500)], await insights.ReadMemberPurchaseDaysAsync(program, "ann", None));
        Assert.Null(await insights.ReadMemberAsync(program, "nobody", None));
    }

    [Fact]
    public async Task A_crash_part_way_a_second_silo_projecting_at_once_and_a_rebuild_give_the_same_tables()
    {
        var (program, _) = await ShopWithAnnAsync();
        var insights = new SqliteInsightsStore(fixture.Store);
        await Projection(insights).CatchUpAsync(None);
        var expected = await insights.ReadMemberAsync(program, "ann", None);

        // Rebuild, and crash after the second batch: the checkpoint holds what was applied, and nothing else.
        await insights.ResetAsync(None);
        await Assert.ThrowsAsync<IOException>(() => Projection(new CrashingStore(insights, applies: 2), batchSize: 2).CatchUpAsync(None));
        Assert.Equal(4, (await insights.ReadCheckpointAsync(None)).Events);
        // The restarted silo and a second one resume from the stored checkpoint, side by side.
        await Task.WhenAll(Projection(insights, batchSize: 2).CatchUpAsync(None), Projection(insights, batchSize: 3).CatchUpAsync(None));

        Assert.Equal(expected, await insights.ReadMemberAsync(program, "ann", None));
        Assert.Equal(3, (await insights.ReadMemberPurchaseDaysAsync(program, "ann", None)).Single().Purchases);
    }

    private InsightsProjection Projection(IInsightsStore insights, int batchSize = 1000) => new(
        fixture.Store, insights, fixture.Grains, Options.Create(new InsightsOptions { BatchSize = batchSize }), TimeProvider.System,
        NullLogger<InsightsProjection>.Instance);

    /// <summary>A program where ann enrolled, bought 20.00 and 10.00 at store s1 and 5.00 at s2 today, and returned the 5.00.</summary>
    private async Task<(string Program, DateTimeOffset EnrolledAt)> ShopWithAnnAsync()
    {
        var program = Guid.NewGuid().ToString("N")[..20];
        (await fixture.Grains.GetGrain<IProgramGrain>(program)
            .Create(new CreateProgram(Guid.NewGuid().ToString("N"), program, "Shop", "EUR", 10, null, null, null))).Unwrap();
        var ann = fixture.Grains.GetGrain<IMemberGrain>(MemberKey.For(program, "ann"));
        var enrolled = (await ann.Enroll(new EnrollMember("enrol", program, "ann", null))).Unwrap();
        foreach (var (id, store, price) in new[] { ("p1", "s1", 2_000L), ("p2", "s2", 500L), ("p3", "s1", 1_000L) })
        {
            (await ann.RecordPurchase(new RecordPurchase(id, program, "ann", "acme", store, "t1", "EUR",
                [new PurchaseLine("sku-" + id, "misc", 1, price)], null))).Unwrap();
        }
        var p2 = (await ann.ListLedger(10, null)).Unwrap().Entries.First(e => e.RequestId == "p2");
        (await ann.RecordReturn(new RecordReturn("r1", program, "ann", p2.TransactionId!, [new ReturnLine("sku-p2", 1)], "acme", "s2", "t1", null))).Unwrap();
        // The projection keeps times to the millisecond.
        return (program, DateTimeOffset.FromUnixTimeMilliseconds(enrolled.OccurredAt.ToUnixTimeMilliseconds()));
    }

    /// <summary>The silo dies (an I/O error) on its <paramref name="applies"/>+1-th batch, before writing it.</summary>
    private sealed class CrashingStore(IInsightsStore inner, int applies) : IInsightsStore
    {
        private int left = applies;

        public Task<InsightsCheckpoint> ReadCheckpointAsync(CancellationToken cancellationToken) => inner.ReadCheckpointAsync(cancellationToken);

        public Task<bool> ApplyAsync(InsightsBatch batch, CancellationToken cancellationToken) =>
            left-- > 0 ? inner.ApplyAsync(batch, cancellationToken) : throw new IOException("killed");

        public Task ResetAsync(CancellationToken cancellationToken) => inner.ResetAsync(cancellationToken);

        public Task<IReadOnlyList<MemberPurchaseDay>> ReadPurchaseDaysAsync(string programId, DateOnly from, DateOnly until, CancellationToken cancellationToken) =>
            inner.ReadPurchaseDaysAsync(programId, from, until, cancellationToken);

        public Task<IReadOnlyList<MemberPurchaseDay>> ReadMemberPurchaseDaysAsync(string programId, string memberId, CancellationToken cancellationToken) =>
            inner.ReadMemberPurchaseDaysAsync(programId, memberId, cancellationToken);

        public Task<ProgramTotals> ReadProgramTotalsAsync(string programId, DateOnly from, DateOnly until, MetricsFilter filter,
            CancellationToken cancellationToken) =>
            inner.ReadProgramTotalsAsync(programId, from, until, filter, cancellationToken);

        public Task<MemberFacts?> ReadMemberAsync(string programId, string memberId, CancellationToken cancellationToken) =>
            inner.ReadMemberAsync(programId, memberId, cancellationToken);

        public Task<RetentionCounts> ReadRetentionAsync(string programId, bool byFirstPurchase, DateOnly fromMonth, DateOnly untilMonth,
            int maxMonthsAfter, CancellationToken cancellationToken) =>
            inner.ReadRetentionAsync(programId, byFirstPurchase, fromMonth, untilMonth, maxMonthsAfter, cancellationToken);

        public Task<IReadOnlyList<MonthlyPoints>> ReadMonthlyPointsAsync(string programId, CancellationToken cancellationToken) =>
            inner.ReadMonthlyPointsAsync(programId, cancellationToken);

        public Task<IReadOnlyDictionary<SettlementOriginKey, SettlementOriginRow>> ReadSettlementOriginsAsync(
            IReadOnlyCollection<SettlementOriginKey> keys, CancellationToken cancellationToken) =>
            inner.ReadSettlementOriginsAsync(keys, cancellationToken);

        public Task<IReadOnlyDictionary<string, SettlementFigures>> ReadSettlementSumsAsync(
            string programId, DateTimeOffset before, CancellationToken cancellationToken) =>
            inner.ReadSettlementSumsAsync(programId, before, cancellationToken);

        public Task<IReadOnlyList<StaffTotals>> ReadStaffAsync(
            string programId, DateOnly from, DateOnly until, MetricsFilter filter, CancellationToken cancellationToken) =>
            inner.ReadStaffAsync(programId, from, until, filter, cancellationToken);

        public Task<IReadOnlyList<BenefitUseCount>> ReadBenefitUsesAsync(
            string programId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
            inner.ReadBenefitUsesAsync(programId, from, until, cancellationToken);

        public Task<IReadOnlyList<RewardRedemptionCount>> ReadRewardRedemptionsAsync(
            string programId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
            inner.ReadRewardRedemptionsAsync(programId, from, until, cancellationToken);

        public Task<IReadOnlyDictionary<string, long>> CountSegmentMembersAsync(string programId, CancellationToken cancellationToken) =>
            inner.CountSegmentMembersAsync(programId, cancellationToken);

        public Task<SegmentMembersPage> ListSegmentMembersAsync(
            string programId, string segmentId, string? after, int pageSize, CancellationToken cancellationToken) =>
            inner.ListSegmentMembersAsync(programId, segmentId, after, pageSize, cancellationToken);

        public Task<ReferralPage> ListReferralsAsync(string programId, int? status, int pageSize, ReferralCursor? after, CancellationToken cancellationToken) =>
            inner.ListReferralsAsync(programId, status, pageSize, after, cancellationToken);

        public Task<IReadOnlyList<string>> ReadContactHoldersAsync(string programId, IReadOnlyCollection<string> digests, CancellationToken cancellationToken) =>
            inner.ReadContactHoldersAsync(programId, digests, cancellationToken);

        public Task<IReadOnlyList<FeedbackDayCounts>> ReadFeedbackCountsAsync(string programId, FeedbackFilter filter, CancellationToken cancellationToken) =>
            inner.ReadFeedbackCountsAsync(programId, filter, cancellationToken);

        public Task<IReadOnlyList<StorePurchaseDay>> ReadStorePurchasesAsync(string programId, FeedbackFilter filter, CancellationToken cancellationToken) =>
            inner.ReadStorePurchasesAsync(programId, filter, cancellationToken);

        public Task<FeedbackPage> ListFeedbackAsync(string programId, FeedbackFilter filter, bool detractorsOnly, int pageSize, FeedbackCursor? after,
            CancellationToken cancellationToken) =>
            inner.ListFeedbackAsync(programId, filter, detractorsOnly, pageSize, after, cancellationToken);
    }
}
