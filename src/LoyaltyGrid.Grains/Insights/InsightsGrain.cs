using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Insights;
using LoyaltyGrid.Storage.Insights;
using Orleans.Concurrency;

namespace LoyaltyGrid.Grains.Insights;

/// <summary>Load the purchase days from the projection, let the domain fit or forecast, answer.</summary>
[StatelessWorker]
public sealed class InsightsGrain(IInsightsStore insights, IProgramRulesCache programs) : Grain, IInsightsGrain
{
    public Task<GrainReply<LifetimeValueFit>> Fit(DateOnly start, DateOnly end, int unitDays) => GrainReplies.Run(async () =>
    {
        var programId = this.GetPrimaryKeyString();
        await programs.GetAsync(programId);
        var days = await insights.ReadPurchaseDaysAsync(programId, start, end, CancellationToken.None);
        // A fit is seconds of CPU for a large program: off the grain scheduler, which serves checkouts.
        return await Task.Run(() => LifetimeValue.Fit(
            days.Select(d => new CustomerPurchase(d.MemberId, d.Day, d.SpendMinor)), end.AddDays(-1), TimeSpan.FromDays(unitDays)));
    });

    public Task<GrainReply<ProgramMetrics>> Metrics(DateOnly from, DateOnly until, string? merchantId, string? storeId, int churnDays) => GrainReplies.Run(async () =>
    {
        var programId = this.GetPrimaryKeyString();
        await programs.GetAsync(programId);
        var filter = new MetricsFilter(merchantId, storeId, churnDays);
        var t = await insights.ReadProgramTotalsAsync(programId, from, until, filter, CancellationToken.None);
        var staff = await insights.ReadStaffAsync(programId, from, until, filter, CancellationToken.None);
        return ProgramMetrics.From(t.Members, t.NewMembers, t.ActiveMembers, t.RepeatMembers, t.Purchases, t.SpendMinor,
            t.PointsEarned, t.PointsRedeemed, t.PointsExpired) with
        {
            ChurnedMembers = t.ChurnedMembers,
            ChurnDays = churnDays,
            Staff = [.. staff.Select(s => new TillEnrolments(s.MerchantId, s.StoreId, s.TerminalId, s.Enrolments, s.Feedback))],
        };
    });

    public Task<GrainReply<IReadOnlyList<RetentionCohort>>> Cohorts(
        DateOnly fromMonth, DateOnly untilMonth, bool byFirstPurchase, int months, DateOnly today) => GrainReplies.Run(async () =>
    {
        var programId = this.GetPrimaryKeyString();
        await programs.GetAsync(programId);
        var counts = await insights.ReadRetentionAsync(programId, byFirstPurchase, fromMonth, untilMonth, months, CancellationToken.None);
        return RetentionCohort.Matrix(counts.Cohorts.Select(c => (c.Month, c.Members)),
            counts.Cells.Select(c => (c.CohortMonth, c.MonthsAfter, c.Members)), fromMonth, untilMonth, months, today);
    });

    public Task<GrainReply<PointsLiability>> Liability(long? valueMinorPerThousandPoints, DateTimeOffset now) => GrainReplies.Run(async () =>
    {
        var programId = this.GetPrimaryKeyString();
        var rules = await programs.GetAsync(programId);
        var value = valueMinorPerThousandPoints ?? rules.Coalition?.LiabilityValueBefore(now);
        if (value is null)
        {
            new RequestValidator().Add("value_minor_per_thousand_points",
                $"is required: program '{programId}' is not a coalition, so it has no liability valuation of its own").ThrowIfInvalid();
        }
        var months = await insights.ReadMonthlyPointsAsync(programId, CancellationToken.None);
        return PointsLiability.Compute(months.Select(m => (m.Month, m.Earned, m.Redeemed, m.Expired, m.Reversed)), value!.Value, rules.Settings.Currency);
    });

    public Task<GrainReply<MemberValue>> MemberValue(
        string memberId, DateTimeOffset asOf, int unitDays, double horizon, BgNbdModel? bgNbd, GammaGammaModel? gammaGamma) => GrainReplies.Run(async () =>
    {
        var programId = this.GetPrimaryKeyString();
        await programs.GetAsync(programId);
        var facts = await insights.ReadMemberAsync(programId, memberId, CancellationToken.None)
            ?? throw new LoyaltyException(LoyaltyError.NotFound("MEMBER_NOT_FOUND",
                $"the insights of program '{programId}' know nothing of member '{memberId}' (yet: the projection is a moment behind the journal)"));
        var asOfDay = DateOnly.FromDateTime(asOf.UtcDateTime);
        var days = await insights.ReadMemberPurchaseDaysAsync(programId, memberId, CancellationToken.None);
        var summary = CalibrationSummary.From(days.Select(d => new CustomerPurchase(memberId, d.Day, d.SpendMinor)), asOfDay, TimeSpan.FromDays(unitDays))
            .Customers.SingleOrDefault();
        var forecast = summary is not null && bgNbd is not null ? LifetimeValue.Forecast(summary, bgNbd, gammaGamma, horizon) : null;
        return new MemberValue(facts.Purchases, facts.PurchaseDays, facts.SpendMinor, facts.ReturnedMinor, facts.FirstPurchaseAt,
            facts.LastPurchaseAt, facts.PointsEarned, facts.PointsRedeemed, facts.PointsExpired, summary, forecast);
    });
}
