using LoyaltyGrid.Domain.Benefits;
using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;

namespace LoyaltyGrid.Grains;

/// <summary>
/// Load the program's rules, page through its members' journal in journal order feeding <see cref="SettlementCalculator"/>,
/// answer. Every rule of settlement is the domain's; this grain only reads.
/// </summary>
[StatelessWorker]
public sealed class SettlementGrain(
    IGrainFactory grains,
    IEventStore store,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time) : Grain, ISettlementGrain
{
    /// <summary>Events per read: a page is deserialized and dropped before the next, so memory stays flat.</summary>
    private const int PageSize = 1000;

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
        var calculator = new SettlementCalculator(rules, periodStart, periodEnd);
        var prefix = MemberKey.StreamOf(programId + "/");
        // Only purchases that applied a benefit are kept for the usage count; the calculator keeps its own totals.
        var benefitPurchases = new List<JournaledMemberEvent>();
        string? afterStream = null;
        long afterSequence = 0;
        while (true)
        {
            var page = await store.ReadStreamsAsync(prefix, afterStream, afterSequence, PageSize, CancellationToken.None);
            if (page.Count == 0)
            {
                break;
            }
            foreach (var stored in page)
            {
                var e = new JournaledMemberEvent(stored.StreamId, stored.Sequence, MemberEventCodec.Instance.Decode(stored.Payload));
                calculator.Add(e);
                if (e.Event is PurchaseRecorded { AppliedBenefitIds.Count: > 0 })
                {
                    benefitPurchases.Add(e);
                }
            }
            (afterStream, afterSequence) = (page[^1].StreamId, page[^1].Sequence);
        }
        return new SettlementResult(calculator.Report(), closed, BenefitUsage.Count(benefitPurchases, periodStart, periodEnd));
    });
}
