using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.LoadGen;

/// <summary>
/// What the insights projection costs per journal event, apart from the checkout it runs beside: waits until the
/// projection has caught up, calls RebuildProjection (the silo empties the insights tables and projects the whole
/// journal again) and measures until it has caught up once more. Prints
/// <c>rebuild events=… seconds=… events_per_s=…</c> and <c>cpu us/event silo=… postgres=… loadgen=…</c>.
/// </summary>
internal sealed class RebuildRun(GrpcChannel channel, CpuMeter cpu)
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(30);

    private readonly Insights.InsightsClient _insights = new(channel);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (!await CaughtUpAsync(cancellationToken))
        {
            Console.Error.WriteLine("rebuild: the projection did not catch up before the rebuild");
            return 1;
        }
        cpu.Start();
        var clock = Stopwatch.StartNew();
        await _insights.RebuildProjectionAsync(new RebuildProjectionRequest(), cancellationToken: cancellationToken);
        // Right after the reset the status reads caught up with no events until the first batch is applied.
        GetProjectionStatusResponse status;
        do
        {
            await Task.Delay(s_poll, cancellationToken);
            status = await _insights.GetProjectionStatusAsync(new GetProjectionStatusRequest(), cancellationToken: cancellationToken);
        }
        while ((!status.CaughtUp || status.Events == 0) && clock.Elapsed < s_limit);
        clock.Stop();
        cpu.Stop();
        if (!status.CaughtUp)
        {
            Console.Error.WriteLine(Invariant($"rebuild: not caught up after {s_limit.TotalMinutes:0} minutes ({status.Events} events)"));
            return 1;
        }
        double seconds = clock.Elapsed.TotalSeconds;
        Console.Out.WriteLine(Invariant($"rebuild events={status.Events} seconds={seconds:0.00} events_per_s={status.Events / seconds:0}"));
        Console.Out.WriteLine(Invariant(
            $"cpu us/event {string.Join(" ", cpu.MicrosPerRequest(status.Events).Select(c => Invariant($"{c.Key}={c.Value:F1}")))}"));
        return 0;
    }

    private async Task<bool> CaughtUpAsync(CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(5))
        {
            if ((await _insights.GetProjectionStatusAsync(new GetProjectionStatusRequest(), cancellationToken: cancellationToken)).CaughtUp)
            {
                return true;
            }
            await Task.Delay(s_poll, cancellationToken);
        }
        return false;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
