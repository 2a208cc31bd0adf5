using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Rewards;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyGrid.Grains;

/// <summary>
/// A program's catalogue: the ids of its rewards (at most <see cref="RewardLimits.MaxRewardsPerProgram"/>), each
/// reward's own grain holding the rest. No snapshot: the stream has one short event per reward.
/// </summary>
public sealed class RewardCatalogGrain(
    IJournal journal,
    IEventStore store,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<RewardCatalogGrain> logger) : Grain, IRewardCatalogGrain
{
    private JournaledStream<List<string>, RewardListed> stream = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        stream = new JournaledStream<List<string>, RewardListed>(RewardKey.CatalogStreamOf(this.GetPrimaryKeyString()), [], journal, store,
            RewardCatalogEventCodec.Instance, static (ids, e, _) =>
            {
                ids.Add(e.RewardId);
                return ids;
            }, DeactivateOnIdle, logger);
        await stream.LoadAsync(cancellationToken);
    }

    public Task<GrainReply<bool>> Add(string rewardId) => GrainReplies.Run(async () =>
    {
        if (stream.State.Contains(rewardId))
        {
            return false;
        }
        if (stream.State.Count >= RewardLimits.MaxRewardsPerProgram)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("REWARD_LIMIT_EXCEEDED",
                $"program '{this.GetPrimaryKeyString()}' has {RewardLimits.MaxRewardsPerProgram} rewards, the most a catalogue holds"));
        }
        await stream.AppendAsync([new RewardListed(rewardId, time.GetUtcNow())]);
        return true;
    });

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>([.. stream.State]);
}
