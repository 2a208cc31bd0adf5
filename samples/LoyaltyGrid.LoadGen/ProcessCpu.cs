using System.Globalization;
using System.Runtime.InteropServices;

namespace LoyaltyGrid.LoadGen;

/// <summary>
/// CPU time used by a process and its descendants, from Linux's <c>/proc/&lt;pid&gt;/stat</c> (utime, stime and the
/// children's cutime, cstime), so a PostgreSQL server counts with all its backends. The way BENCHMARKS.md has
/// measured CPU per request, now done by the load generator over exactly the measured phase.
/// </summary>
internal static class ProcessCpu
{
    private const int ScClkTck = 2; // _SC_CLK_TCK on Linux

    private static readonly Lazy<double> s_ticksPerSecond = new(() =>
    {
        try
        {
            long hz = SysConf(ScClkTck);
            return hz > 0 ? hz : 100;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return 100;
        }
    });

    public static bool Supported => File.Exists("/proc/self/stat");

    /// <summary>Seconds of CPU that <paramref name="pid"/> and every process below it have used so far; null if it is gone.</summary>
    public static double? ReadSeconds(int pid)
    {
        var processes = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int id) && TryRead(id, out var entry))
            {
                processes[id] = entry;
            }
        }

        if (!processes.ContainsKey(pid))
        {
            return null;
        }

        // Processes that ended were reaped into their parent's cutime/cstime, so summing the live tree misses none.
        var children = processes.ToLookup(p => p.Value.Parent, p => p.Key);
        long ticks = 0;
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out int current))
        {
            ticks += processes[current].Ticks;
            foreach (int child in children[current])
            {
                pending.Push(child);
            }
        }

        return ticks / s_ticksPerSecond.Value;
    }

    private static bool TryRead(int pid, out (int Parent, long Ticks) entry)
    {
        entry = default;
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // ended meanwhile
        }

        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields are counted after the last ')'.
        string[] fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        if (fields.Length < 15)
        {
            return false;
        }

        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        entry = ((int)Field(4), Field(14) + Field(15) + Field(16) + Field(17));
        return true;
    }

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long SysConf(int name);
}
