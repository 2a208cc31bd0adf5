using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Grains;

/// <summary>
/// This silo's copy of each program's rules, read by member grains at every checkout without a grain call.
/// Filled from the program grain on first use and replaced whole when the program grain broadcasts a change.
/// </summary>
public interface IProgramRulesCache
{
    /// <summary>The program's current rules; NOT_FOUND (as a <c>LoyaltyException</c>) if the program does not exist.</summary>
    ValueTask<ProgramRules> GetAsync(string programId);
}
