namespace LoyaltyGrid.Grains;

/// <summary>
/// Computes a coalition's settlement from the insights projection of the journal (brought up to the call first). Key: program_id. It owns no state (the figures are a pure
/// function of the program's rules and its members' journal), so it is a stateless worker: several settlements of
/// one program may run at once, on any silo.
/// </summary>
[Alias("lg.ISettlementGrain")]
public interface ISettlementGrain : IGrainWithStringKey
{
    /// <summary>
    /// The settlement of [<paramref name="periodStart"/>, <paramref name="periodEnd"/>), or the domain's refusal
    /// (PROGRAM_NOT_FOUND, NOT_A_COALITION, an invalid period). A period that has not ended yet is computed as it
    /// stands, with <see cref="SettlementResult.Closed"/> false: it can still change.
    /// </summary>
    [Alias("Compute")]
    Task<GrainReply<SettlementResult>> Compute(DateTimeOffset periodStart, DateTimeOffset periodEnd);
}
