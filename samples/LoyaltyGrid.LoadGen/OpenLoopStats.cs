namespace LoyaltyGrid.LoadGen;

/// <summary>How an open-loop run kept its schedule (measured phase only).</summary>
/// <param name="TargetRate">Requests per second asked for (--rate).</param>
/// <param name="Scheduled">Requests the measured phase's schedule held.</param>
/// <param name="SentLate">Requests started more than <see cref="LateAfterMs"/> after their slot: the generator fell behind.</param>
/// <param name="MaxSendLagMs">The largest delay between a slot and the start of its request.</param>
/// <param name="NotSent">Requests skipped because every terminal up to the limit was waiting for a reply.</param>
/// <param name="Abandoned">Requests still unanswered when the drain grace ran out, cancelled and not counted.</param>
/// <param name="MaxInFlight">The most requests waiting for a reply at once.</param>
/// <param name="Terminals">Virtual terminals it took to keep the schedule.</param>
internal sealed record OpenLoopStats(
    int TargetRate,
    long Scheduled,
    long SentLate,
    double LateAfterMs,
    double MaxSendLagMs,
    long NotSent,
    long Abandoned,
    int MaxInFlight,
    int Terminals);
