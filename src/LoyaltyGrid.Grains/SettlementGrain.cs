using LoyaltyGrid.Domain.Benefits;
using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Grains.Insights;
using LoyaltyGrid.Storage.Insights;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;

namespace LoyaltyGrid.Grains;

/// <summary>
/// Bring the insights projection up to every event committed before the call, read each party's settlement sums before
/// the period's start and end from it (whole days, and the events of the edge days), let the domain build the report,
/// answer. Every rule of settlement is the domain's (<see cref="SettlementAttribution"/>, applied by the projection);
/// this grain only reads, and never scans the journal.
/// </summary>
[StatelessWorker]
public sealed class SettlementGrain(
    IGrainFactory grains,
    IInsightsStore insights,
    InsightsProjection projection,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time) : Grain, ISettlementGrain
{
    /// <summary>
    /// A request stamped (recorded_at) just before a period's end may reach the journal a moment after it, and silos'
    /// clocks differ a little; only once this much time has passed is the period's journal taken as complete.
    /// </summary>
    private static readonly TimeSpan ClosingGrace = TimeSpan.FromMinutes(1);

    public Task<GrainReply<SettlementResult>> Compute(DateTimeOffset periodStart, DateTimeOffset periodEnd) => GrainReplies.Run(async () =>
    {
        var programId = this.GetPrimaryKeyString();
        // Read the clock first: the period is closed only if it already was before the journal was read. (The grace
        // comes off the clock, not onto the period's end, which may be near the end of time until the domain refuses it.)
        var closed = periodEnd <= time.GetUtcNow() - ClosingGrace;
        var rules = (await grains.GetGrain<IProgramGrain>(programId).Get()).Unwrap();
        SettlementCalculator.CheckPeriod(rules, periodStart, periodEnd);
        await projection.CatchUpToNowAsync(CancellationToken.None);
        var beforeStart = await insights.ReadSettlementSumsAsync(programId, periodStart, CancellationToken.None);
        var beforeEnd = await insights.ReadSettlementSumsAsync(programId, periodEnd, CancellationToken.None);
        var uses = await insights.ReadBenefitUsesAsync(programId, periodStart, periodEnd, CancellationToken.None);
        var rewards = await insights.ReadRewardRedemptionsAsync(programId, periodStart, periodEnd, CancellationToken.None);
        var report = SettlementCalculator.Report(rules, periodStart, periodEnd, beforeStart.ToAmounts(), beforeEnd.ToAmounts());
        return new SettlementResult(report, closed, [.. uses.Select(u => new BenefitUsage(u.MerchantId, u.BenefitId, u.Uses))],
            [.. rewards.Select(r => new Domain.Rewards.RewardRedemptionUsage(r.PartnerId.Length == 0 ? null : r.PartnerId, r.RewardId, r.Redemptions, r.Points))]);
    });
}
