using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain;

/// <summary>
/// Requests a small journaled state remembers for its retention (a retry is answered from them), and forgets once
/// past it: swept at most every <see cref="SweepEvery"/>, so applying an event does not walk them each time.
/// </summary>
public static class RequestMemory
{
    public static readonly TimeSpan SweepEvery = TimeSpan.FromHours(1);

    public static RequestRecord? Remembered(Dictionary<string, RequestRecord> requests, string requestId, DateTimeOffset now, TimeSpan retention) =>
        requests.TryGetValue(requestId, out var done) && done.RecordedAt >= now - retention ? done : null;

    /// <summary>Forgets the requests past <paramref name="retention"/> unless swept within <see cref="SweepEvery"/>; whether it swept.</summary>
    public static bool Sweep(Dictionary<string, RequestRecord> requests, ref DateTimeOffset? sweptAt, DateTimeOffset now, TimeSpan retention)
    {
        if (sweptAt is { } swept && now - swept < SweepEvery)
        {
            return false;
        }
        sweptAt = now;
        foreach (var (requestId, record) in requests)
        {
            if (record.RecordedAt < now - retention)
            {
                requests.Remove(requestId);
            }
        }
        return true;
    }
}
