using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyGrid.Grains;

/// <summary>What a silo needs to host LoyaltyGrid's grains, in one call for the silo host and the test cluster alike.</summary>
public static class LoyaltyGridGrains
{
    /// <summary>
    /// Serialization of domain types, this silo's program rules cache, and the grain service through which program
    /// grains update every silo's cache. Storage (<c>IJournal</c>, <c>IEventStore</c>) and <see cref="TimeProvider"/>
    /// are the host's to register.
    /// </summary>
    public static ISiloBuilder AddLoyaltyGridGrains(this ISiloBuilder silo)
    {
        silo.Services.AddLoyaltyGridSerialization();
        silo.Services.AddSingleton<ProgramRulesCache>();
        silo.Services.AddSingleton<IProgramRulesCache>(sp => sp.GetRequiredService<ProgramRulesCache>());
        silo.Services.AddSingleton<ProgramRulesBroadcast>();
        silo.AddGrainService<ProgramRulesService>();
        return silo;
    }
}
