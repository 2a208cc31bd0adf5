using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Insights;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoyaltyGrid.Grains.Insights;

/// <summary>
/// Follows the journal into the insights tables, continuously: read the feed after the checkpoint, project, apply the
/// batch and the new checkpoint in one transaction, repeat; once caught up, look again every poll interval. The feed
/// returns only events below its safe horizon (<see cref="IJournalFeed"/>), so a late-committing group commit is waited
/// for, never skipped; the checkpoint moves with what it covers, so after a crash the projection resumes exactly where
/// its last transaction left it. An event it cannot decode (written by a newer release) stops it there, logged, until
/// a release that reads it runs: it never skips one.
/// </summary>
public sealed partial class InsightsProjection(
    IJournalFeed feed,
    IInsightsStore store,
    IGrainFactory grains,
    IOptions<InsightsOptions> options,
    TimeProvider time,
    ILogger<InsightsProjection> logger) : BackgroundService
{
    /// <summary>
    /// Applies every event up to the feed's horizon; returns how many. Safe to run on several silos at once: a batch
    /// another silo applied first is dropped (the checkpoint moved) and reading resumes from the stored checkpoint.
    /// </summary>
    public Task<long> CatchUpAsync(CancellationToken cancellationToken) => CatchUpAsync(TimeSpan.Zero, cancellationToken);

    /// <param name="batchWait">How long to wait after a batch that was not full before reading again (<see cref="InsightsOptions.BatchWait"/>).</param>
    private async Task<long> CatchUpAsync(TimeSpan batchWait, CancellationToken cancellationToken)
    {
        var batchSize = Math.Max(1, options.Value.BatchSize);
        var checkpoint = (await store.ReadCheckpointAsync(cancellationToken)).Position;
        long applied = 0;
        while (true)
        {
            var events = await feed.ReadAllAsync(checkpoint, batchSize, cancellationToken);
            if (events.Count == 0)
            {
                return applied;
            }
            var decoded = InsightsProjector.Decode(events);
            var batch = InsightsProjector.Project(checkpoint, events, decoded, await SettlementScopeAsync(decoded, cancellationToken));
            if (await store.ApplyAsync(batch, cancellationToken))
            {
                checkpoint = batch.To;
                applied += batch.Events;
            }
            else
            {
                checkpoint = (await store.ReadCheckpointAsync(cancellationToken)).Position;
            }
            if (events.Count < batchSize && batchWait > TimeSpan.Zero)
            {
                await Task.Delay(batchWait, TimeProvider.System, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Applies every event committed before this call (and whatever else is below the horizon then): what a reader
    /// that must see its own writes waits for, such as settlement. PostgreSQL's horizon waits for every transaction
    /// older than the call to end, so this can take as long as the longest of them; after <see cref="CatchUpTimeout"/>
    /// it gives up (UNAVAILABLE) rather than answer with figures that may miss an acknowledged event.
    /// </summary>
    public async Task CatchUpToNowAsync(CancellationToken cancellationToken)
    {
        var fence = (await feed.ReadHorizonAsync(cancellationToken)).Fence;
        var deadline = time.GetUtcNow() + CatchUpTimeout;
        while (true)
        {
            var horizon = (await feed.ReadHorizonAsync(cancellationToken)).Horizon;
            await CatchUpAsync(cancellationToken);
            if (horizon >= fence)
            {
                return;
            }
            if (time.GetUtcNow() > deadline)
            {
                throw new LoyaltyException(LoyaltyError.Unavailable("JOURNAL_NOT_SETTLED",
                    $"the insights projection could not reach the journal's end within {CatchUpTimeout.TotalSeconds:F0} s: a transaction on the database has been open since before this call; try again"));
            }
            await Task.Delay(TimeSpan.FromMilliseconds(5), time, cancellationToken);
        }
    }

    /// <summary>How long <see cref="CatchUpToNowAsync"/> waits for older transactions to end.</summary>
    public static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The coalitions among the batch's programs, from each program's grain, and the stored origins its events refer to.</summary>
    private async Task<SettlementScope> SettlementScopeAsync(IReadOnlyList<DecodedMemberEvent> decoded, CancellationToken cancellationToken)
    {
        var coalitions = new Dictionary<string, Coalition>(StringComparer.Ordinal);
        foreach (var programId in decoded.Select(d => d.ProgramId).Distinct(StringComparer.Ordinal))
        {
            if ((await grains.GetGrain<IProgramGrain>(programId).Get()) is { Value.Coalition: { } coalition })
            {
                coalitions[programId] = coalition;
            }
        }
        if (coalitions.Count == 0)
        {
            return SettlementScope.None;
        }
        var keys = SettlementProjector.OriginsToRead(decoded, coalitions);
        var origins = keys.Count == 0 ? SettlementScope.None.Origins : await store.ReadSettlementOriginsAsync(keys, cancellationToken);
        return new SettlementScope(coalitions, origins);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CatchUpAsync(options.Value.BatchWait, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogProjectionFailed(ex);
            }
            try
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The insights projection could not apply the next journal events; it retries at the next poll.")]
    private partial void LogProjectionFailed(Exception exception);
}
