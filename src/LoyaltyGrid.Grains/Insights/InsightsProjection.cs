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
    IOptions<InsightsOptions> options,
    TimeProvider time,
    ILogger<InsightsProjection> logger) : BackgroundService
{
    /// <summary>
    /// Applies every event up to the feed's horizon; returns how many. Safe to run on several silos at once: a batch
    /// another silo applied first is dropped (the checkpoint moved) and reading resumes from the stored checkpoint.
    /// </summary>
    public async Task<long> CatchUpAsync(CancellationToken cancellationToken)
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
            var batch = InsightsProjector.Project(checkpoint, events);
            if (await store.ApplyAsync(batch, cancellationToken))
            {
                checkpoint = batch.To;
                applied += batch.Events;
            }
            else
            {
                checkpoint = (await store.ReadCheckpointAsync(cancellationToken)).Position;
            }
        }
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
                await CatchUpAsync(stoppingToken);
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
