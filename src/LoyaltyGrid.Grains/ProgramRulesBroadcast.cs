using LoyaltyGrid.Domain.Programs;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Services;

namespace LoyaltyGrid.Grains;

/// <summary>
/// Hands a program's new rules to the rules cache of every silo in the cluster and waits for each to take them,
/// so that an admin change is in force everywhere once it is answered. A silo that does not answer in time is
/// logged and skipped rather than failing the change, which is already durable; its cache heals by re-reading
/// (<see cref="ProgramRulesCache.MaxAge"/>).
/// </summary>
public sealed partial class ProgramRulesBroadcast(
    IServiceProvider services,
    IClusterMembershipService membership,
    ILogger<ProgramRulesBroadcast> logger) : GrainServiceClient<IProgramRulesService>(services)
{
    /// <summary>
    /// Longest wait for one silo. A silo that died but is not yet declared dead would otherwise hold the admin
    /// call for the whole response timeout.
    /// </summary>
    public static readonly TimeSpan SiloTimeout = TimeSpan.FromSeconds(5);

    public Task PublishAsync(ProgramRules rules) => Task.WhenAll(
        membership.CurrentSnapshot.Members.Values
            // A joining silo may already be placing member grains, so it is told too (and may not answer yet).
            .Where(m => m.Status is SiloStatus.Active or SiloStatus.Joining)
            .Select(m => PublishToAsync(m.SiloAddress, rules)));

    private async Task PublishToAsync(SiloAddress silo, ProgramRules rules)
    {
        try
        {
            await GetGrainService(silo).Update(rules).WaitAsync(SiloTimeout);
        }
        catch (Exception ex)
        {
            LogSiloMissed(rules.ProgramId, rules.Version, silo, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Silo {Silo} did not take version {Version} of program {ProgramId}'s rules; it will re-read them within the cache's maximum age.")]
    private partial void LogSiloMissed(string programId, long version, SiloAddress silo, Exception exception);
}
