namespace LoyaltyGrid.Domain.Members;

/// <summary>A member an import could not bring over, and why (a stable <see cref="Reason"/>, as in a refusal).</summary>
/// <param name="Position">Where the member was in the batch handed to the importer (0-based).</param>
/// <param name="Violations">The bad fields, for <c>INVALID_REQUEST</c>; empty otherwise.</param>
public sealed record MemberImportFailure(int Position, string MemberId, string Reason, string Message, IReadOnlyList<FieldViolation> Violations);
