namespace LoyaltyGrid.Domain.Members;

/// <summary>A request already carried out: a retry with the same fingerprint gets <see cref="Result"/> back.</summary>
public sealed record RequestRecord(string Fingerprint, DateTimeOffset RecordedAt, MemberEvent Result);
