namespace LoyaltyGrid.Storage;

/// <summary>Argument checks of <see cref="IEventStore.CreateStreamsAsync"/>, shared by the backends.</summary>
public static class StreamCreations
{
    public static void Validate(IReadOnlyList<StreamCreation> creations)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var creation in creations)
        {
            if (creation.Streams.Count == 0)
            {
                throw new ArgumentException("A stream creation must name at least one stream.", nameof(creations));
            }
            foreach (var stream in creation.Streams)
            {
                if (stream.FirstSequence != 1 || stream.Payloads.Count == 0)
                {
                    throw new ArgumentException($"Stream '{stream.StreamId}' must be created with events from sequence 1.", nameof(creations));
                }
                if (!seen.Add(stream.StreamId))
                {
                    throw new ArgumentException($"Stream '{stream.StreamId}' is named twice in one CreateStreamsAsync call.", nameof(creations));
                }
            }
        }
    }
}
