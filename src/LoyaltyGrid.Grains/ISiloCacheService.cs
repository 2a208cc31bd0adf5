using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Security;
using Orleans.Services;

namespace LoyaltyGrid.Grains;

/// <summary>
/// One per silo: the door through which program and key changes reach that silo's caches
/// (<see cref="IProgramRulesCache"/>, <see cref="ApiKeyCache"/>). Reached through <see cref="SiloBroadcast"/>.
/// </summary>
[Alias("lg.ISiloCacheService")]
public interface ISiloCacheService : IGrainService
{
    /// <summary>Stores <paramref name="rules"/> in this silo's cache unless it already holds a newer version.</summary>
    [Alias("Update")]
    Task Update(ProgramRules rules);

    /// <summary>Replaces this silo's copy of <paramref name="key"/> (a revocation takes effect here at once).</summary>
    [Alias("UpdateKey")]
    Task UpdateKey(ApiKey key);
}
