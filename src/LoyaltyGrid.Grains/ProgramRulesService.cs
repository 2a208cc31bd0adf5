using LoyaltyGrid.Domain.Programs;
using Microsoft.Extensions.Logging;

namespace LoyaltyGrid.Grains;

/// <summary>
/// A grain service rather than a grain: Orleans starts exactly one per silo and addresses it by silo, which is
/// what a broadcast to every silo's cache needs. It never calls a grain, so a program grain waiting on it cannot deadlock.
/// </summary>
public sealed class ProgramRulesService(GrainId grainId, Silo silo, ILoggerFactory loggerFactory, ProgramRulesCache cache)
    : GrainService(grainId, silo, loggerFactory), IProgramRulesService
{
    public Task Update(ProgramRules rules)
    {
        cache.Offer(rules);
        return Task.CompletedTask;
    }
}
