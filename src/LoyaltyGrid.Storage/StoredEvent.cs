namespace LoyaltyGrid.Storage;

public sealed record StoredEvent(long Sequence, string Payload);
