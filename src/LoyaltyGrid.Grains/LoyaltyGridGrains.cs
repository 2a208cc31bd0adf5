using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LoyaltyGrid.Grains;

/// <summary>What a silo needs to host LoyaltyGrid's grains, in one call for the silo host and the test cluster alike.</summary>
public static class LoyaltyGridGrains
{
    /// <summary>
    /// Serialization of domain types, this silo's program rules cache, and the grain service through which program
    /// grains update every silo's cache, and the system clock as the <see cref="LoyaltyClock"/> unless the host
    /// registered one. Storage (<c>IJournal</c>, <c>IEventStore</c>) is the host's to register.
    /// </summary>
    public static ISiloBuilder AddLoyaltyGridGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddKeyedSingleton(LoyaltyClock.Key, TimeProvider.System);
        silo.Services.AddLoyaltyGridSerialization();
        silo.Services.AddSingleton<ProgramRulesCache>();
        silo.Services.AddSingleton<IProgramRulesCache>(sp => sp.GetRequiredService<ProgramRulesCache>());
        silo.Services.AddSingleton<ApiKeyCache>();
        silo.Services.AddSingleton<SiloBroadcast>();
        silo.AddGrainService<SiloCacheService>();
        return silo;
    }
}
