namespace LoyaltyGrid.Storage;

/// <summary>A stream's state as of <see cref="Sequence"/>; replay continues after it.</summary>
public sealed record StoredSnapshot(string StreamId, long Sequence, string Payload);
