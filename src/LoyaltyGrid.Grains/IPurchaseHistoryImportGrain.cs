using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Grains;

/// <summary>
/// Brings a migrating retailer's past purchases into one program in bulk (the Checkout.ImportPurchaseHistory call).
/// Key: program_id. It owns no state (each purchase's stream is the truth), so it is a stateless worker.
/// </summary>
[Alias("lg.IPurchaseHistoryImportGrain")]
public interface IPurchaseHistoryImportGrain : IGrainWithStringKey
{
    /// <summary>
    /// Imports a batch: each purchase is written, found already imported identically (unchanged), or failed with a reason.
    /// A refusal of the whole batch (PROGRAM_NOT_FOUND) writes nothing.
    /// </summary>
    [Alias("Import")]
    Task<GrainReply<PurchaseImportOutcome>> Import(ImportHistoricalPurchase[] purchases);
}
