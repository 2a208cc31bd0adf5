namespace LoyaltyGrid.Storage;

/// <summary>When a stream's owner must be woken up (e.g. to release an expired hold); null clears it.</summary>
public sealed record WakeUp(DateTimeOffset? DueAt);
