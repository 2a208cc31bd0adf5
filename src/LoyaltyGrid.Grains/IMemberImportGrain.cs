using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Grains;

/// <summary>
/// Brings existing members into one program in bulk (the Members.ImportMembers call). Key: program_id. It owns no
/// state (each member's journal is the truth), so it is a stateless worker: batches of one import run side by side.
/// </summary>
[Alias("lg.IMemberImportGrain")]
public interface IMemberImportGrain : IGrainWithStringKey
{
    /// <summary>
    /// Imports a batch: each member is imported, found already imported identically (unchanged), or failed with a reason.
    /// A refusal of the whole batch (PROGRAM_NOT_FOUND) writes nothing.
    /// </summary>
    [Alias("Import")]
    Task<GrainReply<ImportBatchOutcome>> Import(ImportMember[] members);
}
