namespace LoyaltyGrid.Domain.Members;

/// <summary>A historical purchase an import could not bring over, and why (a stable <see cref="Reason"/>).</summary>
/// <param name="Position">Where the purchase was in the batch handed to the importer (0-based).</param>
/// <param name="Violations">The bad fields, for <c>INVALID_REQUEST</c>; empty otherwise.</param>
public sealed record PurchaseImportFailure(
    int Position, string MemberId, string PurchaseId, string Reason, string Message, IReadOnlyList<FieldViolation> Violations);
