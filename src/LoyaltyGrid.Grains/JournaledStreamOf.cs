using LoyaltyGrid.Domain;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Microsoft.Extensions.Logging;

namespace LoyaltyGrid.Grains;

/// <summary>Streams whose state applies its own events in place (<see cref="IAppliesEvents{TEvent}"/>), with or without snapshots.</summary>
public static class JournaledStream
{
    public static JournaledStream<TState, TEvent> Of<TState, TEvent>(
        string streamId, TState initial, IJournal journal, IEventStore store, IEventCodec<TEvent> codec, Action rebuild, ILogger logger,
        ISnapshotCodec<TState>? snapshots = null, int snapshotEvery = int.MaxValue)
        where TState : IAppliesEvents<TEvent> =>
        new(streamId, initial, journal, store, codec, static (state, e, sequence) =>
        {
            state.Apply(e, sequence);
            return state;
        }, rebuild, logger, snapshots, snapshotEvery);
}
