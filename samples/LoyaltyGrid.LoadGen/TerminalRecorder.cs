using System.Diagnostics;

namespace LoyaltyGrid.LoadGen;

/// <summary>
/// What one terminal observed. Only its own terminal writes to it, so the hot path takes no lock; the progress
/// printer reads the two counters concurrently, which is why they are read and written atomically.
/// </summary>
internal sealed class TerminalRecorder
{
    private static readonly double s_microsPerTick = 1_000_000.0 / Stopwatch.Frequency;

    private long _completed;
    private long _measured;
    private long _errors;

    public LatencyHistogram Latency { get; } = new();

    /// <summary>Measured calls per operation (purchase, authorize, ...).</summary>
    public Dictionary<string, long> Operations { get; } = [];

    /// <summary>Measured errors per canonical status code.</summary>
    public Dictionary<string, long> Errors { get; } = [];

    /// <summary>Measured expected refusals per ErrorInfo reason (e.g. INSUFFICIENT_POINTS).</summary>
    public Dictionary<string, long> Expected { get; } = [];

    /// <summary>The first error message seen per status code, to say what went wrong without a log.</summary>
    public Dictionary<string, string> ErrorSamples { get; } = [];

    /// <summary>All completed calls, warm-up included; for the live calls-per-second figure.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Measured calls so far.</summary>
    public long Measured => Interlocked.Read(ref _measured);

    /// <summary>When the last measured call completed (Stopwatch timestamp), 0 if none.</summary>
    public long LastTimestamp { get; private set; }

    /// <summary>Measured errors so far.</summary>
    public long ErrorCount => Interlocked.Read(ref _errors);

    /// <summary>Counts a call that finished during warm-up or was started before measuring began.</summary>
    public void CountUnmeasured() => Interlocked.Increment(ref _completed);

    /// <summary>Records a measured call that took from <paramref name="startTimestamp"/> to <paramref name="endTimestamp"/>.</summary>
    public void Record(in CallOutcome outcome, long startTimestamp, long endTimestamp)
    {
        Interlocked.Increment(ref _completed);
        Interlocked.Increment(ref _measured);
        LastTimestamp = Math.Max(LastTimestamp, endTimestamp);
        Latency.Record((long)((endTimestamp - startTimestamp) * s_microsPerTick));
        Increment(Operations, outcome.Operation);

        if (outcome.Expected)
        {
            Increment(Expected, outcome.Reason ?? outcome.Code);
        }
        else if (outcome.IsError)
        {
            Interlocked.Increment(ref _errors);
            string code = outcome.Code;
            Increment(Errors, code);
            ErrorSamples.TryAdd(code, $"{outcome.Operation}: {outcome.Detail}{(outcome.Reason is null ? "" : $" ({outcome.Reason})")}");
        }
    }

    private static void Increment(Dictionary<string, long> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
