using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Security;
using Microsoft.Extensions.Logging;

namespace LoyaltyGrid.Grains;

/// <summary>
/// A grain service rather than a grain: Orleans starts exactly one per silo and addresses it by silo, which is
/// what a broadcast to every silo's caches needs. It never calls a grain, so a grain waiting on it cannot deadlock.
/// </summary>
public sealed class SiloCacheService(GrainId grainId, Silo silo, ILoggerFactory loggerFactory, ProgramRulesCache rules, ApiKeyCache keys)
    : GrainService(grainId, silo, loggerFactory), ISiloCacheService
{
    public Task Update(ProgramRules update)
    {
        rules.Offer(update);
        return Task.CompletedTask;
    }

    public Task UpdateKey(ApiKey key)
    {
        keys.Offer(key);
        return Task.CompletedTask;
    }
}
