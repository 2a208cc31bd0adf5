namespace LoyaltyGrid.Storage;

/// <summary>
/// Streams to create together (<see cref="IEventStore.CreateStreamsAsync"/>), e.g. an imported member and their card
/// alias: all of them, or none if any of them exists already. Every append starts at sequence 1.
/// </summary>
public sealed record StreamCreation(IReadOnlyList<StreamAppend> Streams);
