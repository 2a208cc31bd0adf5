using System.Globalization;
using System.Text.Json;

namespace LoyaltyGrid.LoadGen;

/// <summary>Writes a <see cref="RunResult"/> for people (a short table) and for scripts (JSON).</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    public static void WriteSummary(RunResult result, TextWriter output)
    {
        void Line(FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));

        var l = result.LatencyMs;
        output.WriteLine();
        Line($"scenario   {result.Scenario} against {result.Url}");
        Line($"terminals  {result.Terminals} on {result.Channels} channel(s), {result.Members} members");
        Line($"duration   {result.DurationSeconds:F2} s measured");
        Line($"requests   {result.Requests}");
        Line($"rps        {result.Rps:F1}");
        Line($"latency ms p50 {l.P50:F3}  p90 {l.P90:F3}  p99 {l.P99:F3}  p99.9 {l.P999:F3}  max {l.Max:F3}  mean {l.Mean:F3}");

        if (result.OpenLoop is { } o)
        {
            // The latencies above count from each request's scheduled start.
            Line($"open loop  {o.TargetRate} rps scheduled, latency from each request's slot: {o.Scheduled} scheduled, {o.SentLate} sent more than {o.LateAfterMs:0.#} ms behind schedule (max {o.MaxSendLagMs:F3} ms), {o.NotSent} not sent, {o.Abandoned} abandoned, at most {o.MaxInFlight} in flight on {o.Terminals} terminals");
        }

        if (result.Operations.Count > 1)
        {
            Line($"operations {string.Join(", ", result.Operations.Select(o => $"{o.Key} {o.Value} ({Percent(o.Value, result.Requests)})"))}");
        }

        if (result.Expected.Count > 0)
        {
            Line($"expected   {string.Join(", ", result.Expected.Select(e => $"{e.Key} {e.Value}"))} (correct refusals, not errors)");
        }

        if (result.Journal is { Commits: > 0 } j)
        {
            Line($"journal    {j.Appends} appends in {j.Commits} commits: {j.MeanBatch:F1} per commit, {j.MeanCommitMs:F2} ms per commit");
        }

        if (result.CpuMicrosPerRequest.Count > 0)
        {
            Line($"cpu us/req {string.Join(" ", result.CpuMicrosPerRequest.Select(c => $"{c.Key}={c.Value:F1}"))}");
        }

        Line($"errors     {result.ErrorCount} ({Percent(result.ErrorCount, result.Requests)})");
        foreach (var (code, count) in result.Errors)
        {
            string sample = result.ErrorSamples.TryGetValue(code, out var s) ? $"  e.g. {s}" : "";
            Line($"  {code,-20} {count}{sample}");
        }
    }

    /// <summary>Writes the JSON result to <paramref name="path"/>, or to stdout when the path is "-".</summary>
    public static void WriteJson<T>(T result, string path)
    {
        string json = JsonSerializer.Serialize(result, s_json);
        if (path == "-")
        {
            Console.Out.WriteLine(json);
        }
        else
        {
            File.WriteAllText(path, json + Environment.NewLine);
        }
    }

    private static string Percent(long part, long whole) =>
        whole == 0 ? "0%" : ((double)part / whole).ToString("0.###%", CultureInfo.InvariantCulture);
}
