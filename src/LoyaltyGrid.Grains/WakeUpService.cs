using LoyaltyGrid.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoyaltyGrid.Grains;

/// <summary>
/// The durable timer of every member: wakes members whose stored next due time (a hold expiring, pending points
/// maturing, points expiring, a tier review) has come, also members that are not active (after a restart, or
/// deactivated while idle). Rewards with a reservation left unfinished are woken the same way. The due time is written in the same transaction as the events that set it, so it
/// cannot be lost or disagree with the journal. An active member's own timer usually gets there first; a wake-up is harmless.
/// </summary>
public sealed partial class WakeUpService(
    IEventStore store,
    IGrainFactory grains,
    IOptions<StorageOptions> options,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<WakeUpService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WakeUpPollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var due = await store.ReadDueWakeUpsAsync(time.GetUtcNow(), 500, stoppingToken);
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = stoppingToken },
                    async (streamId, _) =>
                    {
                        if (MemberKey.FromStream(streamId) is { } key)
                        {
                            await grains.GetGrain<IMemberGrain>(key).WakeUp();
                        }
                        else if (RewardKey.FromStream(streamId) is { } reward)
                        {
                            await grains.GetGrain<IRewardGrain>(reward).WakeUp();
                        }
                    });
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogWakeUpFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking members with something due failed; trying again at the next tick.")]
    private partial void LogWakeUpFailed(Exception exception);
}
