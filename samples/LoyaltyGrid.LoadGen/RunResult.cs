using System.Text.Json.Serialization;

namespace LoyaltyGrid.LoadGen;

/// <summary>The outcome of one run, as printed and as written to --json (property names in camelCase).</summary>
internal sealed record RunResult
{
    public required string Scenario { get; init; }
    public required string Url { get; init; }
    public required int Terminals { get; init; }
    public required int Channels { get; init; }
    public required int Members { get; init; }

    /// <summary>Measured time: from the end of warm-up until the last terminal stopped.</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>Calls started after warm-up that completed, whatever their outcome.</summary>
    public required long Requests { get; init; }

    /// <summary>Failed calls per canonical gRPC status code; expected refusals are not in here.</summary>
    public required SortedDictionary<string, long> Errors { get; init; }

    /// <summary>Refusals that are correct server behaviour, per ErrorInfo reason (e.g. INSUFFICIENT_POINTS).</summary>
    public required SortedDictionary<string, long> Expected { get; init; }

    /// <summary>Calls per operation; for mixed, shows the actual mix.</summary>
    public required SortedDictionary<string, long> Operations { get; init; }

    public required double Rps { get; init; }
    public required LatencySummary LatencyMs { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required MachineInfo Machine { get; init; }

    /// <summary>The silo's group-commit counters over the run, if it reports them.</summary>
    public JournalDelta? Journal { get; init; }

    /// <summary>µs of CPU per measured request by process (see --cpu-pid; "loadgen" is this process), over the measured phase.</summary>
    public SortedDictionary<string, double> CpuMicrosPerRequest { get; init; } = [];

    /// <summary>How well the open loop kept its schedule; null for a closed-loop run.</summary>
    public OpenLoopStats? OpenLoop { get; init; }

    public long ErrorCount => Errors.Values.Sum();

    [JsonIgnore]
    public double ErrorRate => Requests == 0 ? 0 : (double)ErrorCount / Requests;

    /// <summary>The first message seen per error code; for the human summary only.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string> ErrorSamples { get; init; } = new Dictionary<string, string>();
}
