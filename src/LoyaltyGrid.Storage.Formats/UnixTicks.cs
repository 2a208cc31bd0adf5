namespace LoyaltyGrid.Storage.Formats;

/// <summary>
/// How the stored format writes an instant: 100 ns units since 1970-01-01T00:00:00Z, the full precision of
/// <see cref="DateTimeOffset"/>, so a replayed time is exactly the one the grain had. The offset is not kept; every
/// time in the domain is UTC.
/// </summary>
public static class UnixTicks
{
    public static long From(DateTimeOffset value) => value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;

    public static DateTimeOffset To(long ticks) => new(DateTimeOffset.UnixEpoch.UtcTicks + ticks, TimeSpan.Zero);
}
