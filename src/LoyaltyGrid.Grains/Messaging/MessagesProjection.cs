using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Messaging;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoyaltyGrid.Grains.Messaging;

/// <summary>
/// Follows the journal into the member messages outbox (README "Member messages"), like the insights projection: read
/// the feed after the checkpoint, decide the messages, write them with the new checkpoint in one transaction
/// (compare-and-set on its version, so a batch two silos decided is written once), repeat. Each step also releases
/// the held messages whose quiet hours are over and runs the expiry checks that are due (one member read each), so
/// nothing time-based needs a timer of its own. A crash loses nothing: the next step starts from the stored checkpoint.
/// </summary>
public sealed partial class MessagesProjection(
    IJournalFeed feed,
    IMessageStore store,
    IGrainFactory grains,
    IProgramRulesCache programs,
    IOptions<MessagesOptions> options,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<MessagesProjection> logger) : BackgroundService
{
    /// <summary>The most recipient rows kept between steps (<see cref="recipients"/>); past it the copy starts again empty.</summary>
    private const int MaxCachedRecipients = 200_000;

    /// <summary>
    /// The recipient rows as this silo's last step left them in the store, valid while the checkpoint's version is
    /// <see cref="recipientsVersion"/>: no other silo has written a step since, so the rows are what the store holds and a
    /// step reads only the members it has not seen. Steps run one at a time (one loop per silo).
    /// </summary>
    private readonly Dictionary<(string ProgramId, string MemberId), MessageRecipientRow> recipients = [];

    private long recipientsVersion = -1;

    /// <summary>Applies steps until nothing is left below the feed's horizon nor due; returns how many journal events it applied.</summary>
    public Task<long> CatchUpAsync(CancellationToken cancellationToken) => CatchUpAsync(TimeSpan.Zero, cancellationToken);

    /// <param name="batchWait">How long to wait after a step whose batch was not full before the next (<see cref="MessagesOptions.BatchWait"/>).</param>
    private async Task<long> CatchUpAsync(TimeSpan batchWait, CancellationToken cancellationToken)
    {
        long applied = 0;
        while (true)
        {
            long? events;
            await stepping.WaitAsync(cancellationToken);
            try
            {
                events = await StepAsync(cancellationToken);
            }
            finally
            {
                stepping.Release();
            }
            if (events is not { } count)
            {
                return applied;
            }
            applied += count;
            if (count < Math.Max(1, options.Value.BatchSize) && batchWait > TimeSpan.Zero)
            {
                await Task.Delay(batchWait, TimeProvider.System, cancellationToken);
            }
        }
    }

    /// <summary>One step at a time: the rows kept between steps are this loop's own.</summary>
    private readonly SemaphoreSlim stepping = new(1, 1);

    /// <summary>One transaction's worth: the events applied, or null when there was nothing to do.</summary>
    private async Task<long?> StepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var checkpoint = await store.ReadCheckpointAsync(cancellationToken);
        var events = await feed.ReadAllAsync(checkpoint.Position, Math.Max(1, options.Value.BatchSize), cancellationToken);
        var due = Math.Max(1, options.Value.DueBatchSize);
        var held = await store.ReadDueHeldAsync(now, due, cancellationToken);
        var checks = await store.ReadDueExpiryChecksAsync(now, due, cancellationToken);
        if (events.Count == 0 && held.Count == 0 && checks.Count == 0)
        {
            return null;
        }
        var keys = MessageProjector.MembersOf(events).Concat(held.Where(h => h.MemberId.Length > 0).Select(h => (h.ProgramId, h.MemberId)))
            .Concat(checks.Select(c => (c.ProgramId, c.MemberId))).ToHashSet();
        if (checkpoint.Version != recipientsVersion || recipients.Count > MaxCachedRecipients)
        {
            recipients.Clear();
        }
        var missing = keys.Where(k => !recipients.ContainsKey(k)).ToArray();
        if (missing.Length > 0)
        {
            foreach (var (key, row) in await store.ReadRecipientsAsync(missing, cancellationToken))
            {
                recipients[key] = row;
            }
        }
        var stored = recipients;
        var policies = new Dictionary<string, MessagingPolicy>(StringComparer.Ordinal);
        foreach (var programId in MessageProjector.ProgramsOf(events).Concat(keys.Select(k => k.ProgramId)).Concat(held.Select(h => h.ProgramId)))
        {
            if (!policies.ContainsKey(programId))
            {
                policies[programId] = await PolicyAsync(programId);
            }
        }
        var projector = new MessageProjector(stored, p => policies.GetValueOrDefault(p) ?? MessagingPolicy.Default, now);
        foreach (var e in events)
        {
            projector.Add(e);
        }
        foreach (var message in held)
        {
            projector.Release(message);
        }
        foreach (var check in checks)
        {
            var view = await grains.GetGrain<IMemberGrain>(MemberKey.For(check.ProgramId, check.MemberId)).Get();
            projector.ExpiryChecked(check.ProgramId, check.MemberId, view.Value is { } member ? member.Balance.Available + member.Balance.Pending : 0,
                view.Value?.Overview.Expiring ?? []);
        }
        var to = events.Count > 0 ? events[^1].Position : checkpoint.Position;
        var batch = projector.Build(checkpoint.Version, to, events.Count);
        // A batch another silo wrote first is dropped; the next step reads what it left.
        if (!await store.ApplyAsync(batch, cancellationToken))
        {
            recipientsVersion = -1;
            return 0;
        }
        foreach (var row in batch.Recipients)
        {
            recipients[(row.ProgramId, row.MemberId)] = row;
        }
        recipientsVersion = checkpoint.Version + 1;
        return events.Count;
    }

    private async Task<MessagingPolicy> PolicyAsync(string programId)
    {
        try
        {
            return (await programs.GetAsync(programId)).Messaging;
        }
        catch (LoyaltyException)
        {
            // A program that does not exist (any more) has no policy; its members' events are still decided.
            return MessagingPolicy.Default;
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
                await CatchUpAsync(options.Value.BatchWait, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogProjectionFailed(ex);
            }
            try
            {
                await Task.Delay(options.Value.PollInterval, TimeProvider.System, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The messages projection could not apply its next step; it retries at the next poll.")]
    private partial void LogProjectionFailed(Exception exception);
}
