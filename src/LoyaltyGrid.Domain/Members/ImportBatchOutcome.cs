namespace LoyaltyGrid.Domain.Members;

/// <summary>What an import did with one batch of members: how many it brought over, how many were there already, identically, and the rest.</summary>
public sealed record ImportBatchOutcome(int Imported, int Unchanged, IReadOnlyList<MemberImportFailure> Failures);
