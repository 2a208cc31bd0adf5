namespace LoyaltyGrid.Domain.Members;

/// <summary>What an import did with one batch of historical purchases: written, there already identically, and the rest.</summary>
public sealed record PurchaseImportOutcome(int Imported, int Unchanged, IReadOnlyList<PurchaseImportFailure> Failures);
