using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.LoadGen.Scenarios;

namespace LoyaltyGrid.LoadGen;

/// <summary>
/// What member state costs, in two parts (issue #9's state targets). (a) The silo's live heap when fresh, then after
/// <c>--members</c> members made 10 purchases each: bytes per member. (b) One member making <c>--history</c>
/// purchases one at a time: the latency of the first 50 against the last 50, the size of its snapshot, and how long
/// a call takes when it has to load the member again (deactivated first) beyond a warm call. Needs a fresh silo
/// (the heap is measured from its start) and a program that does not exist yet.
/// </summary>
internal sealed class StateSizeRun(LoadGenOptions options, IReadOnlyList<GrpcChannel> channels, IReadOnlyList<string> memberIds, BenchKeys keys)
{
    private const int PurchasesPerMember = 10;
    private const int InFlight = 64;
    private const int LatencyWindow = 50;
    private const int Reactivations = 5;
    private const int WarmCalls = 20;

    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(30);

    private readonly Diagnostics.DiagnosticsClient _diagnostics = new(channels[0]);
    private readonly Members.MembersClient _members = new(channels[0]);
    private readonly string _runId = $"ss{DateTime.UtcNow:yyMMddHHmmss}{Random.Shared.Next(0x10000):x4}";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        string program = options.ProgramId;
        if (await ProgramExistsAsync(program, cancellationToken))
        {
            Console.Error.WriteLine($"program '{program}' already exists: state-size needs a fresh one (and a fresh silo); choose another --program");
            return 1;
        }

        var empty = await MemoryAsync(cancellationToken);
        Console.Error.WriteLine(Invariant($"state-size: fresh silo, live heap {Mib(empty.LiveHeapBytes)} MiB, {empty.ActiveMembers} members active"));

        string? setupProblem = await new BenchSetup(options, channels, memberIds).RunAsync(cancellationToken);
        if (setupProblem is not null)
        {
            Console.Error.WriteLine($"setup failed: {setupProblem}");
            return 1;
        }

        await keys.IssueTillKeyAsync(channels[0], program);
        // A reading half-way too: the second half's growth per member leaves out what the first requests of any
        // kind make once (caches, pools, type metadata), which the fresh reading cannot.
        int half = memberIds.Count / 2;
        string? purchaseProblem = await PurchaseAsync(0, half, cancellationToken);
        var halfway = await MemoryAsync(cancellationToken);
        purchaseProblem ??= await PurchaseAsync(half, memberIds.Count, cancellationToken);
        if (purchaseProblem is not null)
        {
            Console.Error.WriteLine(purchaseProblem);
            return 1;
        }

        var loaded = await MemoryAsync(cancellationToken);
        double bytesPerMember = (double)(loaded.LiveHeapBytes - empty.LiveHeapBytes) / memberIds.Count;
        double marginalBytesPerMember = (double)(loaded.LiveHeapBytes - halfway.LiveHeapBytes) / Math.Max(memberIds.Count - half, 1);

        string historyMember = $"history-{_runId}";
        await _members.EnrollMemberAsync(
            new EnrollMemberRequest { RequestId = $"{_runId}-enroll-history", ProgramId = program, MemberId = historyMember },
            deadline: Deadline(), cancellationToken: cancellationToken);
        var latencies = await LongHistoryAsync(historyMember, cancellationToken);
        double firstMs = Median(latencies.Take(LatencyWindow));
        double lastMs = Median(latencies.TakeLast(LatencyWindow));

        var storage = await SettledStorageAsync(historyMember, cancellationToken);
        var (reactivations, warmMs) = await ReactivationsAsync(historyMember, cancellationToken);
        double reactivationMs = Median(reactivations) - warmMs;

        var result = new StateSizeResult
        {
            Url = options.Url.OriginalString,
            ProgramId = program,
            Members = memberIds.Count,
            PurchasesPerMember = PurchasesPerMember,
            EmptyHeapBytes = empty.LiveHeapBytes,
            LoadedHeapBytes = loaded.LiveHeapBytes,
            HalfwayHeapBytes = halfway.LiveHeapBytes,
            ActiveMembersLoaded = loaded.ActiveMembers,
            BytesPerMember = bytesPerMember,
            MarginalBytesPerMember = marginalBytesPerMember,
            History = options.History,
            FirstPurchasesMedianMs = firstMs,
            LastPurchasesMedianMs = lastMs,
            PurchaseLatencyRatio = lastMs / firstMs,
            SnapshotBytes = storage.SnapshotBytes,
            SnapshotSequence = storage.SnapshotSequence,
            LastSequence = storage.LastSequence,
            ReactivatedCallsMs = reactivations,
            WarmCallMs = warmMs,
            ReactivationMs = reactivationMs,
        };
        Write(result, Console.Out);
        if (options.JsonPath is { } path)
        {
            Report.WriteJson(result, path);
        }

        if (loaded.ActiveMembers < memberIds.Count)
        {
            Console.Error.WriteLine($"warning: only {loaded.ActiveMembers} of {memberIds.Count} members were active at the second reading; bytes per member undercounts");
        }

        return 0;
    }

    private static void Write(StateSizeResult r, TextWriter output)
    {
        void Line(FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));

        output.WriteLine();
        Line($"scenario   state-size against {r.Url}, program {r.ProgramId}");
        Line($"heap       fresh silo {Mib(r.EmptyHeapBytes)} MiB, {r.Members} members x {r.PurchasesPerMember} purchases {Mib(r.LoadedHeapBytes)} MiB ({r.ActiveMembersLoaded} members active): {r.BytesPerMember:F0} bytes per member");
        Line($"           half of them {Mib(r.HalfwayHeapBytes)} MiB: the second half {r.MarginalBytesPerMember:F0} bytes per member");
        Line($"history    {r.History} purchases by one member: median {r.FirstPurchasesMedianMs:F2} ms for the first {LatencyWindow}, {r.LastPurchasesMedianMs:F2} ms for the last {LatencyWindow} (ratio {r.PurchaseLatencyRatio:F3})");
        Line($"storage    snapshot {r.SnapshotBytes} bytes as of sequence {r.SnapshotSequence}, journal at {r.LastSequence}");
        Line($"reload     GetMember after DeactivateMember {string.Join(" / ", r.ReactivatedCallsMs.Select(ms => ms.ToString("F2", CultureInfo.InvariantCulture)))} ms, warm GetMember {r.WarmCallMs:F2} ms (median of {WarmCalls}): reactivation {r.ReactivationMs:F2} ms");
        Line($"state bytes_per_member={r.BytesPerMember:F0} snapshot_bytes={r.SnapshotBytes} reactivation_ms={r.ReactivationMs:F2} purchase_latency_ratio={r.PurchaseLatencyRatio:F3}");
    }

    private async Task<bool> ProgramExistsAsync(string program, CancellationToken cancellationToken)
    {
        try
        {
            await new Programs.ProgramsClient(channels[0]).GetProgramAsync(
                new GetProgramRequest { ProgramId = program }, deadline: Deadline(), cancellationToken: cancellationToken);
            return true;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task<GetMemoryStatsResponse> MemoryAsync(CancellationToken cancellationToken) =>
        await _diagnostics.GetMemoryStatsAsync(new GetMemoryStatsRequest(), deadline: DateTime.UtcNow.AddMinutes(2), cancellationToken: cancellationToken);

    /// <summary>
    /// The purchases of members [<paramref name="from"/>, <paramref name="to"/>), <see cref="InFlight"/> workers each
    /// taking the next member and buying for it <see cref="PurchasesPerMember"/> times in a row. Returns null, or the
    /// first failure.
    /// </summary>
    private async Task<string?> PurchaseAsync(int from, int to, CancellationToken cancellationToken)
    {
        int next = from - 1;
        long done = 0;
        string? failure = null;
        long start = Stopwatch.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task WorkAsync(int worker)
        {
            var channel = channels[worker % channels.Count];
            var terminal = new TerminalContext(
                worker, _runId, options.ProgramId, memberIds, options.Lines,
                new Checkout.CheckoutClient(channel), new Members.MembersClient(channel), new Diagnostics.DiagnosticsClient(channel));
            int member;
            while ((member = Interlocked.Increment(ref next)) < to && !stop.IsCancellationRequested)
            {
                for (int i = 0; i < PurchasesPerMember; i++)
                {
                    try
                    {
                        await terminal.Checkout.RecordPurchaseAsync(
                            terminal.NewPurchase(memberIds[member]), deadline: Deadline(), cancellationToken: stop.Token);
                    }
                    catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        Interlocked.CompareExchange(ref failure, $"purchase for {memberIds[member]} failed: {ex.StatusCode}: {ex.Status.Detail}", null);
                        await stop.CancelAsync();
                        return;
                    }

                    Interlocked.Increment(ref done);
                }
            }
        }

        var work = Task.WhenAll(Enumerable.Range(0, InFlight).Select(w => Task.Run(() => WorkAsync(w), CancellationToken.None)));
        using (var timer = new PeriodicTimer(TimeSpan.FromSeconds(5)))
        {
            while (await Task.WhenAny(work, timer.WaitForNextTickAsync(CancellationToken.None).AsTask()) != work)
            {
                PrintProgress();
            }
        }

        await work;
        PrintProgress();
        cancellationToken.ThrowIfCancellationRequested();
        return failure;

        void PrintProgress()
        {
            long count = Interlocked.Read(ref done);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            Console.Error.WriteLine(Invariant($"state-size: purchases {count}/{(long)(to - from) * PurchasesPerMember} of members {from + 1}-{to} ({count / Math.Max(seconds, 0.001):F0}/s)"));
        }
    }

    /// <summary>The long-lived member's purchases, one at a time; each one's latency in ms.</summary>
    private async Task<double[]> LongHistoryAsync(string member, CancellationToken cancellationToken)
    {
        var terminal = new TerminalContext(
            0, _runId + "-h", options.ProgramId, [member], options.Lines,
            new Checkout.CheckoutClient(channels[0]), _members, _diagnostics);
        var latencies = new double[options.History];
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < latencies.Length; i++)
        {
            var request = terminal.NewPurchase(member);
            long before = Stopwatch.GetTimestamp();
            await terminal.Checkout.RecordPurchaseAsync(request, deadline: Deadline(), cancellationToken: cancellationToken);
            latencies[i] = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
            if ((i + 1) % 1000 == 0)
            {
                Console.Error.WriteLine(Invariant($"state-size: history {i + 1}/{latencies.Length} ({(i + 1) / Stopwatch.GetElapsedTime(start).TotalSeconds:F0}/s)"));
            }
        }

        return latencies;
    }

    /// <summary>The member's storage once its snapshot has stopped moving (snapshots are written off the request path).</summary>
    private async Task<GetMemberStorageResponse> SettledStorageAsync(string member, CancellationToken cancellationToken)
    {
        var request = new GetMemberStorageRequest { ProgramId = options.ProgramId, MemberId = member };
        var storage = await _diagnostics.GetMemberStorageAsync(request, deadline: Deadline(), cancellationToken: cancellationToken);
        for (int attempt = 0; attempt < 20; attempt++)
        {
            await Task.Delay(250, cancellationToken);
            var again = await _diagnostics.GetMemberStorageAsync(request, deadline: Deadline(), cancellationToken: cancellationToken);
            if (again.SnapshotSequence == storage.SnapshotSequence && again.SnapshotSequence > 0)
            {
                return again;
            }

            storage = again;
        }

        return storage;
    }

    /// <summary>
    /// GetMember right after DeactivateMember, <see cref="Reactivations"/> times (the first also warms the load path),
    /// and the median of <see cref="WarmCalls"/> GetMember calls to an active member, in ms.
    /// </summary>
    private async Task<(double[] Reactivated, double WarmMs)> ReactivationsAsync(string member, CancellationToken cancellationToken)
    {
        var get = new GetMemberRequest { ProgramId = options.ProgramId, MemberId = member };
        var deactivate = new DeactivateMemberRequest { ProgramId = options.ProgramId, MemberId = member };
        var reactivated = new double[Reactivations];
        for (int i = 0; i < reactivated.Length; i++)
        {
            await _diagnostics.DeactivateMemberAsync(deactivate, deadline: Deadline(), cancellationToken: cancellationToken);
            long before = Stopwatch.GetTimestamp();
            await _members.GetMemberAsync(get, deadline: Deadline(), cancellationToken: cancellationToken);
            reactivated[i] = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
        }

        var warm = new double[WarmCalls];
        for (int i = 0; i < warm.Length; i++)
        {
            long before = Stopwatch.GetTimestamp();
            await _members.GetMemberAsync(get, deadline: Deadline(), cancellationToken: cancellationToken);
            warm[i] = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
        }

        return (reactivated, Median(warm));
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static DateTime Deadline() => DateTime.UtcNow.Add(s_callTimeout);
}
