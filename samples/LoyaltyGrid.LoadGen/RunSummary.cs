using System.Diagnostics;

namespace LoyaltyGrid.LoadGen;

/// <summary>Merges what the terminals recorded into one <see cref="RunResult"/>; shared by the closed and the open loop.</summary>
internal static class RunSummary
{
    /// <param name="measureStart">Stopwatch timestamp at which measuring began, or null if the run never got there.</param>
    public static RunResult From(LoadGenOptions options, IReadOnlyCollection<TerminalRecorder> recorders, DateTimeOffset startedAt, long? measureStart, CpuMeter cpu)
    {
        var latency = new LatencyHistogram();
        var operations = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var expected = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var samples = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var recorder in recorders)
        {
            latency.Add(recorder.Latency);
            AddAll(operations, recorder.Operations);
            AddAll(errors, recorder.Errors);
            AddAll(expected, recorder.Expected);
            foreach (var (code, sample) in recorder.ErrorSamples)
            {
                samples.TryAdd(code, sample);
            }
        }

        // Measured time runs from the end of warm-up to the last measured completion (the drain included).
        long lastCompletion = recorders.Max(r => r.LastTimestamp);
        double seconds = measureStart is { } start && lastCompletion > start
            ? Stopwatch.GetElapsedTime(start, lastCompletion).TotalSeconds
            : 0;

        return new RunResult
        {
            Scenario = options.Scenario.ToString().ToLowerInvariant(),
            Url = options.Url.OriginalString,
            Terminals = options.Terminals,
            Channels = options.Channels,
            Members = options.Members,
            DurationSeconds = Math.Round(seconds, 3),
            Requests = latency.Count,
            Errors = errors,
            Expected = expected,
            Operations = operations,
            Rps = seconds > 0 ? Math.Round(latency.Count / seconds, 1) : 0,
            LatencyMs = LatencySummary.From(latency),
            StartedAt = startedAt,
            Machine = MachineInfo.Current,
            ErrorSamples = samples,
            CpuMicrosPerRequest = cpu.MicrosPerRequest(latency.Count),
        };
    }

    private static void AddAll(SortedDictionary<string, long> total, Dictionary<string, long> part)
    {
        foreach (var (key, count) in part)
        {
            total[key] = total.GetValueOrDefault(key) + count;
        }
    }
}
