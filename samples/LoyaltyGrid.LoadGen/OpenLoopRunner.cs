using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.LoadGen.Scenarios;

namespace LoyaltyGrid.LoadGen;

/// <summary>
/// Open loop (<c>--rate N</c>): request i is due at start + i/N seconds, and is started then whether or not earlier
/// ones have been answered. Its latency is measured from that scheduled time, not from when it was actually sent, so
/// a server that stalls is charged for every request that queued behind the stall (no coordinated omission, in Gil
/// Tene's sense). Requests go to whichever virtual terminal is idle; when all are waiting for replies a new one joins,
/// so the schedule never waits for the server. Warm-up runs the same schedule, uncounted; the measured phase ends
/// after --duration or --requests, then calls in flight get a drain grace.
/// </summary>
internal sealed class OpenLoopRunner(LoadGenOptions options, IReadOnlyList<GrpcChannel> channels, IReadOnlyList<string> memberIds, CpuMeter cpu)
{
    private static readonly TimeSpan s_drainGrace = TimeSpan.FromSeconds(10);

    // The schedule thread wakes about every millisecond (Thread.Sleep's resolution), so a request may start up to
    // about 1 ms after its slot (counted in its latency anyway); later than this, the generator itself fell behind.
    private static readonly TimeSpan s_lateAfter = TimeSpan.FromMilliseconds(2);

    // A bound on terminals (and so on requests in flight) keeps a dead server from growing the load generator
    // without limit; requests beyond it are counted as not sent.
    private const int MaxTerminals = 50_000;

    private readonly string _runId = $"lg{DateTime.UtcNow:yyMMddHHmmss}{Random.Shared.Next(0x10000):x4}";
    private readonly ConcurrentStack<TerminalScenario> _idle = new();
    private readonly ConcurrentBag<TerminalScenario> _allTerminals = [];

    // One recorder for all terminals, taken under its lock: terminals here are many and short-lived in use.
    private readonly TerminalRecorder _recorder = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort = new();

    private int _terminalCount;
    private int _inFlight;
    private int _maxInFlight;
    private long _sent;
    private long _scheduled;
    private long _late;
    private long _maxLagTicks;
    private long _notSent;
    private long _abandoned;
    private long? _measureStart;
    private volatile bool _measuring;
    private volatile bool _scheduleDone;

    public async Task<RunResult> RunAsync(CancellationToken interrupt)
    {
        for (int i = 0; i < options.Terminals; i++)
        {
            _idle.Push(NewTerminal());
        }

        var startedAt = DateTimeOffset.UtcNow;
        long runStart = Stopwatch.GetTimestamp();
        using var onInterrupt = interrupt.Register(_stop.Cancel);

        // A thread of its own: the schedule must not wait behind the thread pool's queue when the machine is busy.
        var schedule = new Thread(RunSchedule) { IsBackground = true, Name = "open-loop schedule", Priority = ThreadPriority.AboveNormal };
        schedule.Start();
        await WaitForRepliesAsync(runStart);
        schedule.Join();
        cpu.Stop();

        await Task.WhenAll(_allTerminals.Select(async terminal =>
        {
            try
            {
                await terminal.FinishAsync(CancellationToken.None);
            }
            catch (Exception)
            {
                // Clean-up is best effort and never part of the result.
            }
        }));

        var result = RunSummary.From(options, [_recorder], startedAt, _measureStart, cpu);
        return result with
        {
            OpenLoop = new OpenLoopStats(
                options.Rate!.Value,
                _scheduled,
                _late,
                s_lateAfter.TotalMilliseconds,
                Math.Round(Stopwatch.GetElapsedTime(0, _maxLagTicks).TotalMilliseconds, 3),
                _notSent,
                _abandoned,
                _maxInFlight,
                _terminalCount),
        };
    }

    /// <summary>The schedule: starts every request when it is due, on the schedule thread.</summary>
    private void RunSchedule()
    {
        double rate = options.Rate!.Value;
        double ticksPerRequest = Stopwatch.Frequency / rate;
        long warmupRequests = (long)Math.Ceiling(options.Warmup.TotalSeconds * rate);
        long measuredRequests = options.Requests ?? Math.Max(1, (long)Math.Ceiling(options.Duration.TotalSeconds * rate));
        long total = warmupRequests + measuredRequests;
        long lateTicks = (long)(s_lateAfter.TotalSeconds * Stopwatch.Frequency);
        long start = Stopwatch.GetTimestamp();
        long next = 0;
        try
        {
            while (next < total && !_stop.IsCancellationRequested)
            {
                long now = Stopwatch.GetTimestamp();
                for (long slot = start + (long)(next * ticksPerRequest); next < total && slot <= now; slot = start + (long)(next * ticksPerRequest))
                {
                    bool measured = next >= warmupRequests;
                    if (next == warmupRequests)
                    {
                        _measureStart = slot;
                        _measuring = true;

                        // Reading /proc takes a few milliseconds: off this thread, so the schedule does not slip.
                        ThreadPool.UnsafeQueueUserWorkItem(static meter => meter.Start(), cpu, preferLocal: false);
                    }

                    Send(slot, measured, now - slot > lateTicks, now - slot);
                    next++;
                }

                if (next < total)
                {
                    long wait = start + (long)(next * ticksPerRequest) - Stopwatch.GetTimestamp();
                    Thread.Sleep((int)Math.Clamp(wait * 1000 / Stopwatch.Frequency, 1, 50));
                }
            }
        }
        finally
        {
            _scheduleDone = true;
        }
    }

    private void Send(long slot, bool measured, bool late, long lagTicks)
    {
        _sent++;
        if (measured)
        {
            _scheduled++;
            if (late)
            {
                _late++;
            }

            _maxLagTicks = Math.Max(_maxLagTicks, lagTicks);
        }

        if (!_idle.TryPop(out var terminal))
        {
            if (_terminalCount >= MaxTerminals)
            {
                if (measured)
                {
                    _notSent++;
                }

                return;
            }

            terminal = NewTerminal();
        }

        int inFlight = Interlocked.Increment(ref _inFlight);
        if (inFlight > _maxInFlight)
        {
            _maxInFlight = inFlight;
        }

        // Started right here, up to its first await (a few µs of serialising and queueing the HTTP/2 frames): handing
        // each call to the thread pool instead costs a worker wake-up per request, several times the CPU.
        _ = CallAsync(terminal, slot, measured);
    }

    private async Task CallAsync(TerminalScenario terminal, long slot, bool measured)
    {
        try
        {
            CallOutcome outcome;
            try
            {
                outcome = await terminal.StepAsync(_abort.Token);
            }
            catch (Exception) when (_abort.IsCancellationRequested)
            {
                if (measured)
                {
                    Interlocked.Increment(ref _abandoned);
                }

                return;
            }
            catch (Exception ex)
            {
                outcome = CallOutcome.Crashed(options.Scenario.ToString().ToLowerInvariant(), ex);
            }

            long end = Stopwatch.GetTimestamp();
            lock (_recorder)
            {
                if (measured)
                {
                    // From the slot, not from the send: the whole point of the open loop.
                    _recorder.Record(outcome, slot, end);
                }
                else
                {
                    _recorder.CountUnmeasured();
                }
            }
        }
        finally
        {
            _idle.Push(terminal);
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Prints one line per second until the schedule is done and every reply is in; cancels stragglers after the grace.</summary>
    private async Task WaitForRepliesAsync(long runStart)
    {
        long lastPrint = runStart;
        long lastCompleted = 0;
        long? scheduleEnd = null;
        while (!(_scheduleDone && Volatile.Read(ref _inFlight) == 0))
        {
            await Task.Delay(50);
            long now = Stopwatch.GetTimestamp();
            if (_scheduleDone)
            {
                scheduleEnd ??= now;
                if (Stopwatch.GetElapsedTime(scheduleEnd.Value, now) > s_drainGrace && !_abort.IsCancellationRequested)
                {
                    Console.Error.WriteLine($"calls still in flight {s_drainGrace.TotalSeconds:F0}s after the schedule ended; cancelling them (not counted)");
                    _abort.Cancel();
                }
            }

            if (Stopwatch.GetElapsedTime(lastPrint, now) < TimeSpan.FromSeconds(1))
            {
                continue;
            }

            long completed = _recorder.Completed;
            double rps = (completed - lastCompleted) / Stopwatch.GetElapsedTime(lastPrint, now).TotalSeconds;
            (lastCompleted, lastPrint) = (completed, now);
            string phase = _scheduleDone ? "draining" : _measuring ? "measuring" : "warm-up";
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"[{Stopwatch.GetElapsedTime(runStart, now).TotalSeconds,6:F1}s] {phase,-9}  completed {_recorder.Measured,9}  rps {rps,9:F0}  in flight {Volatile.Read(ref _inFlight),6}  late {Interlocked.Read(ref _late)}  errors {_recorder.ErrorCount}"));
        }
    }

    private TerminalScenario NewTerminal()
    {
        int index = _terminalCount++;
        var channel = channels[index % channels.Count];
        var context = new TerminalContext(
            index, _runId, options.ProgramId, memberIds, options.Lines, new Checkout.CheckoutClient(channel), new Members.MembersClient(channel), new Diagnostics.DiagnosticsClient(channel),
            labels: options.Rules);
        var terminal = TerminalScenario.Create(options.Scenario, context);
        _allTerminals.Add(terminal);
        return terminal;
    }
}
