namespace LoyaltyGrid.LoadGen;

/// <summary>
/// Takes CPU readings of the watched processes (<c>--cpu-pid name=pid</c>) and of the load generator itself when
/// measuring starts and when it ends, and turns the difference into µs per measured request.
/// </summary>
internal sealed class CpuMeter(IReadOnlyDictionary<string, int> watched)
{
    public const string Self = "loadgen";

    private Dictionary<string, double>? _start;
    private Dictionary<string, double>? _end;

    public void Start() => _start = Read();

    public void Stop() => _end ??= Read();

    /// <summary>µs of CPU per request by process name; empty without /proc or when measuring never started.</summary>
    public SortedDictionary<string, double> MicrosPerRequest(long requests)
    {
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (_start is null || _end is null || requests == 0)
        {
            return result;
        }

        foreach (var (name, end) in _end)
        {
            if (_start.TryGetValue(name, out double start))
            {
                result[name] = Math.Round((end - start) * 1_000_000 / requests, 1);
            }
        }

        return result;
    }

    private Dictionary<string, double> Read()
    {
        var readings = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!ProcessCpu.Supported)
        {
            return readings;
        }

        foreach (var (name, pid) in watched.Append(new(Self, Environment.ProcessId)))
        {
            if (ProcessCpu.ReadSeconds(pid) is { } seconds)
            {
                readings[name] = seconds;
            }
        }

        return readings;
    }
}
