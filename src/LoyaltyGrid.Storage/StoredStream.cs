namespace LoyaltyGrid.Storage;

/// <summary>A stream as an activation reads it (<see cref="IEventStore.ReadLatestAsync"/>): its snapshot, if any, and the events after it.</summary>
public sealed record StoredStream(StoredSnapshot? Snapshot, IReadOnlyList<StoredEvent> EventsAfter);
