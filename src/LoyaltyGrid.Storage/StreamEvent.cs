namespace LoyaltyGrid.Storage;

/// <summary>An event read across streams (<see cref="IEventStore.ReadStreamsAsync"/>): which stream it is in, and where.</summary>
public sealed record StreamEvent(string StreamId, long Sequence, string Payload);
