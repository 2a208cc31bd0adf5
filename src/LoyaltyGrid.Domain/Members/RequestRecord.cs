namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// A request already carried out: a retry with the same fingerprint gets the event at <see cref="Sequence"/> back,
/// read again from the journal (the answer is not kept in memory).
/// </summary>
public sealed record RequestRecord(string Fingerprint, DateTimeOffset RecordedAt, long Sequence);
