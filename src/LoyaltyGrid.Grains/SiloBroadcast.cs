using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Security;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Services;

namespace LoyaltyGrid.Grains;

/// <summary>
/// Hands a program's new rules (or a changed API key) to the caches of every silo in the cluster and waits for each
/// to take them, so that an admin change (or a revocation) is in force everywhere once it is answered. A silo that does not answer in time is
/// logged and skipped rather than failing the change, which is already durable; its cache heals by re-reading
/// (<see cref="ProgramRulesCache.MaxAge"/>).
/// </summary>
public sealed partial class SiloBroadcast(
    IServiceProvider services,
    IClusterMembershipService membership,
    ILogger<SiloBroadcast> logger) : GrainServiceClient<ISiloCacheService>(services)
{
    /// <summary>
    /// Longest wait for one silo. A silo that died but is not yet declared dead would otherwise hold the admin
    /// call for the whole response timeout.
    /// </summary>
    public static readonly TimeSpan SiloTimeout = TimeSpan.FromSeconds(5);

    public Task PublishAsync(ProgramRules rules) => ToEverySilo(
        service => service.Update(rules), (silo, ex) => LogSiloMissed(rules.ProgramId, rules.Version, silo, ex));

    public Task PublishAsync(ApiKey key) => ToEverySilo(
        service => service.UpdateKey(key), (silo, ex) => LogSiloMissedKey(key.KeyId, silo, ex));

    private Task ToEverySilo(Func<ISiloCacheService, Task> send, Action<SiloAddress, Exception> missed) => Task.WhenAll(
        membership.CurrentSnapshot.Members.Values
            // A joining silo may already be placing member grains, so it is told too (and may not answer yet).
            .Where(m => m.Status is SiloStatus.Active or SiloStatus.Joining)
            .Select(async m =>
            {
                try
                {
                    await send(GetGrainService(m.SiloAddress)).WaitAsync(SiloTimeout);
                }
                catch (Exception ex)
                {
                    missed(m.SiloAddress, ex);
                }
            }));

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Silo {Silo} did not take version {Version} of program {ProgramId}'s rules; it will re-read them within the cache's maximum age.")]
    private partial void LogSiloMissed(string programId, long version, SiloAddress silo, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Silo {Silo} did not take the change of API key {KeyId}; it will re-read it within the key cache's maximum age.")]
    private partial void LogSiloMissedKey(string keyId, SiloAddress silo, Exception exception);
}
