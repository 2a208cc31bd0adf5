namespace LoyaltyGrid.Storage;

/// <summary>
/// Events to add at the end of one stream. <paramref name="FirstSequence"/> must be the stream's next
/// sequence; otherwise the append fails with <see cref="ConcurrencyConflictException"/>.
/// </summary>
/// <param name="WakeUp">When set, the stream's wake-up time is replaced in the same transaction.</param>
public sealed record StreamAppend(string StreamId, long FirstSequence, IReadOnlyList<byte[]> Payloads, WakeUp? WakeUp = null);
