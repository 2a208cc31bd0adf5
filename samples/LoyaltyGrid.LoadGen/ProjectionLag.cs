using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.LoadGen;

/// <summary>
/// How far the insights projection trails the journal while the load runs: GetProjectionStatus.lag sampled twice a
/// second, and after the load how long until it has caught up. One line, "projection lag p50_ms=… max_ms=…
/// drain_ms=… samples=…"; nothing if the silo does not answer it.
/// </summary>
internal static class ProjectionLag
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);

    public static async Task<string?> WatchAsync(GrpcChannel channel, Task load, CancellationToken cancellationToken)
    {
        var insights = new Insights.InsightsClient(channel);
        var samples = new List<double>();
        try
        {
            while (!load.IsCompleted)
            {
                var status = await insights.GetProjectionStatusAsync(new GetProjectionStatusRequest(), cancellationToken: cancellationToken);
                samples.Add(status.Lag?.ToTimeSpan().TotalMilliseconds ?? 0);
                await Task.WhenAny(load, Task.Delay(Every, cancellationToken));
            }
            var drain = System.Diagnostics.Stopwatch.StartNew();
            while (!(await insights.GetProjectionStatusAsync(new GetProjectionStatusRequest(), cancellationToken: cancellationToken)).CaughtUp
                && drain.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(50, cancellationToken);
            }
            if (samples.Count == 0)
            {
                return null;
            }
            samples.Sort();
            return string.Create(CultureInfo.InvariantCulture,
                $"projection lag p50_ms={samples[samples.Count / 2]:0} max_ms={samples[^1]:0} drain_ms={drain.Elapsed.TotalMilliseconds:0} samples={samples.Count}");
        }
        catch (RpcException)
        {
            return null;
        }
    }
}
