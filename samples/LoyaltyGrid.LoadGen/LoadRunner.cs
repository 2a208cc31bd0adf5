using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.LoadGen.Scenarios;

namespace LoyaltyGrid.LoadGen;

/// <summary>
/// Runs the virtual terminals: warm-up, then the measured phase until the duration or the request budget is used
/// up, then a short drain. Each terminal is a loop issuing one call at a time (closed loop), so the offered load
/// is what the server can take at this concurrency.
/// </summary>
internal sealed class LoadRunner(LoadGenOptions options, IReadOnlyList<GrpcChannel> channels, IReadOnlyList<string> memberIds, CpuMeter cpu)
{
    // After the stop, calls in flight get this long to finish before they are cancelled (and not counted).
    private static readonly TimeSpan s_drainGrace = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort = new();
    private volatile bool _measuring;
    private long _measureStart;
    private long _tickets;

    /// <param name="interrupt">Stops the run early (Ctrl+C); what was measured so far is still reported.</param>
    public async Task<RunResult> RunAsync(CancellationToken interrupt)
    {
        string runId = $"lg{DateTime.UtcNow:yyMMddHHmmss}{Random.Shared.Next(0x10000):x4}";
        var recorders = new TerminalRecorder[options.Terminals];
        var scenarios = new TerminalScenario[options.Terminals];
        for (int i = 0; i < options.Terminals; i++)
        {
            var channel = channels[i % channels.Count];
            var terminal = new TerminalContext(
                i, runId, options.ProgramId, memberIds, options.Lines, new Checkout.CheckoutClient(channel), new Members.MembersClient(channel), new Diagnostics.DiagnosticsClient(channel),
            labels: options.Rules);
            scenarios[i] = TerminalScenario.Create(options.Scenario, terminal);
            recorders[i] = new TerminalRecorder();
        }

        var startedAt = DateTimeOffset.UtcNow;
        long runStart = Stopwatch.GetTimestamp();
        using var onInterrupt = interrupt.Register(_stop.Cancel);
        if (options.Warmup == TimeSpan.Zero)
        {
            StartMeasuring();
        }

        var terminals = new Task[options.Terminals];
        for (int i = 0; i < terminals.Length; i++)
        {
            var (scenario, recorder) = (scenarios[i], recorders[i]);
            terminals[i] = Task.Run(() => RunTerminalAsync(scenario, recorder));
        }

        var all = Task.WhenAll(terminals);
        var timeline = RunTimelineAsync();
        await ReportProgressAsync(all, recorders, runStart);
        await all;
        cpu.Stop();
        await timeline;

        return Summarize(recorders, startedAt);
    }

    private async Task RunTerminalAsync(TerminalScenario scenario, TerminalRecorder recorder)
    {
        var stop = _stop.Token;
        var abort = _abort.Token;
        while (!stop.IsCancellationRequested)
        {
            // A call counts if it started after warm-up, so warm-up calls never leak into the numbers.
            bool measured = _measuring;
            if (measured && !TryTakeTicket())
            {
                break;
            }

            long start = Stopwatch.GetTimestamp();
            CallOutcome outcome;
            try
            {
                outcome = await scenario.StepAsync(abort);
            }
            catch (Exception) when (abort.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                outcome = CallOutcome.Crashed(options.Scenario.ToString().ToLowerInvariant(), ex);
            }

            long end = Stopwatch.GetTimestamp();
            if (measured)
            {
                recorder.Record(outcome, start, end);
            }
            else
            {
                recorder.CountUnmeasured();
            }
        }

        try
        {
            await scenario.FinishAsync(abort);
        }
        catch (Exception)
        {
            // Clean-up is best effort and never part of the result.
        }
    }

    /// <summary>Warm-up, then measure; in duration mode also stops the run when the time is up.</summary>
    private async Task RunTimelineAsync()
    {
        try
        {
            if (options.Warmup > TimeSpan.Zero)
            {
                await Task.Delay(options.Warmup, _stop.Token);
                StartMeasuring();
            }

            if (options.Requests is null)
            {
                await Task.Delay(options.Duration, _stop.Token);
                _stop.Cancel();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped early by Ctrl+C or by the request budget.
        }
    }

    private void StartMeasuring()
    {
        cpu.Start();
        _measureStart = Stopwatch.GetTimestamp();
        _measuring = true;
    }

    /// <summary>Takes one request from the --requests budget; the terminal that finds it empty stops everyone.</summary>
    private bool TryTakeTicket()
    {
        if (options.Requests is not { } limit)
        {
            return true;
        }

        if (Interlocked.Increment(ref _tickets) <= limit)
        {
            return true;
        }

        _stop.Cancel();
        return false;
    }

    /// <summary>Prints one line per second to stderr until every terminal has stopped; cancels stragglers after the grace.</summary>
    private async Task ReportProgressAsync(Task all, TerminalRecorder[] recorders, long runStart)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        long lastCompleted = 0;
        long lastTimestamp = runStart;
        long? stopSeen = null;
        while (true)
        {
            await Task.WhenAny(all, timer.WaitForNextTickAsync().AsTask());
            if (all.IsCompleted)
            {
                return;
            }

            long now = Stopwatch.GetTimestamp();
            long completed = recorders.Sum(r => r.Completed);
            double rps = (completed - lastCompleted) / Stopwatch.GetElapsedTime(lastTimestamp, now).TotalSeconds;
            (lastCompleted, lastTimestamp) = (completed, now);

            string phase = _stop.IsCancellationRequested ? "draining" : _measuring ? "measuring" : "warm-up";
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"[{Stopwatch.GetElapsedTime(runStart, now).TotalSeconds,6:F1}s] {phase,-9}  completed {recorders.Sum(r => r.Measured),9}  rps {rps,9:F0}  errors {recorders.Sum(r => r.ErrorCount)}"));

            if (_stop.IsCancellationRequested)
            {
                stopSeen ??= now;
                if (Stopwatch.GetElapsedTime(stopSeen.Value, now) > s_drainGrace && !_abort.IsCancellationRequested)
                {
                    Console.Error.WriteLine($"calls still in flight {s_drainGrace.TotalSeconds:F0}s after the stop; cancelling them (not counted)");
                    _abort.Cancel();
                }
            }
        }
    }

    private RunResult Summarize(TerminalRecorder[] recorders, DateTimeOffset startedAt) =>
        RunSummary.From(options, recorders, startedAt, _measuring ? _measureStart : null, cpu);
}
