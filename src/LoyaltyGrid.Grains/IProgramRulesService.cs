using LoyaltyGrid.Domain.Programs;
using Orleans.Services;

namespace LoyaltyGrid.Grains;

/// <summary>
/// One per silo: the door through which a program grain hands new rules to that silo's <see cref="IProgramRulesCache"/>.
/// Reached through <see cref="ProgramRulesBroadcast"/>.
/// </summary>
[Alias("lg.IProgramRulesService")]
public interface IProgramRulesService : IGrainService
{
    /// <summary>Stores <paramref name="rules"/> in this silo's cache unless it already holds a newer version.</summary>
    [Alias("Update")]
    Task Update(ProgramRules rules);
}
