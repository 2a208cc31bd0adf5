using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.LoadGen;

internal static class Program
{
    // Above this share of failed requests the run exits with 1, so a CI job notices a broken server.
    private const double MaxErrorRate = 0.005;

    public static async Task<int> Main(string[] args)
    {
        if (!LoadGenOptions.TryParse(args, out var options, out string? error))
        {
            if (error is null)
            {
                Console.Out.WriteLine(LoadGenOptions.Usage);
                return 0;
            }

            Console.Error.WriteLine($"error: {error}");
            Console.Error.WriteLine();
            Console.Error.WriteLine(LoadGenOptions.Usage);
            return 2;
        }

        // The first Ctrl+C stops the run and still prints what was measured; the second one quits at once.
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            if (!interrupt.IsCancellationRequested)
            {
                e.Cancel = true;
                Console.Error.WriteLine("stopping (Ctrl+C again to quit at once)");
                interrupt.Cancel();
            }
        };

        var keys = new BenchKeys(options.ApiKey ?? "");
        var channels = CreateChannels(options, keys);
        try
        {
            return await RunAsync(options, channels, keys, interrupt.Token);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            Console.Error.WriteLine("interrupted");
            return 1;
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    private static async Task<int> RunAsync(LoadGenOptions options, GrpcChannel[] channels, BenchKeys keys, CancellationToken interrupt)
    {
        string url = options.Url.OriginalString;
        string? unreachable = await CheckReachableAsync(options, channels[0], interrupt);
        if (unreachable is not null)
        {
            Console.Error.WriteLine(unreachable);
            return 1;
        }

        if (options.Scenario == ScenarioKind.Rebuild)
        {
            return await new RebuildRun(channels[0], new CpuMeter(options.CpuPids)).RunAsync(interrupt);
        }

        string[] memberIds = [.. Enumerable.Range(1, options.Members).Select(Bench.MemberId)];

        if (options.Scenario == ScenarioKind.StateSize)
        {
            // Measures from the silo's first reading on, so it does its own setup and no terminal loop.
            return await new StateSizeRun(options, channels, memberIds, keys).RunAsync(interrupt);
        }

        // Ping touches no program and no member, so it needs no setup unless setup is all that was asked for.
        bool setUp = !options.SkipSetup && (options.Scenario != ScenarioKind.Ping || options.SetupOnly);
        if (setUp)
        {
            string? problem;
            try
            {
                problem = await new BenchSetup(options, channels, memberIds).RunAsync(interrupt);
            }
            catch (RpcException ex) when (!interrupt.IsCancellationRequested)
            {
                problem = $"{ex.StatusCode}: {ex.Status.Detail}";
            }

            if (problem is not null)
            {
                Console.Error.WriteLine($"setup failed: {problem}");
                return 1;
            }
        }

        if (options.SetupOnly)
        {
            return 0;
        }

        if (options.Scenario != ScenarioKind.Ping)
        {
            try
            {
                await keys.IssueTillKeyAsync(channels[0], options.ProgramId);
            }
            catch (RpcException ex) when (!interrupt.IsCancellationRequested)
            {
                Console.Error.WriteLine($"issuing the terminals' key failed (is --api-key / LOYALTYGRID_API_KEY a platform admin key?): {ex.StatusCode}: {ex.Status.Detail}");
                return 1;
            }
        }

        string until = options.Requests is { } requests ? $"{requests} requests" : $"{options.Duration.TotalSeconds:0.###}s";
        string load = options.Rate is { } rate
            ? $"open loop at {rate} requests/s ({options.Terminals} terminals to start with)"
            : $"{options.Terminals} terminals";
        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"running {options.Scenario.ToString().ToLowerInvariant()} against {url}: {load} on {options.Channels} channel(s), warm-up {options.Warmup.TotalSeconds:0.###}s, then {until}"));

        var diagnostics = new Diagnostics.DiagnosticsClient(channels[0]);
        var journalBefore = await JournalDelta.ReadAsync(diagnostics);
        var cpu = new CpuMeter(options.CpuPids);
        var running = options.Rate is null
            ? new LoadRunner(options, channels, memberIds, cpu).RunAsync(interrupt)
            : new OpenLoopRunner(options, channels, memberIds, cpu).RunAsync(interrupt);
        var lag = ProjectionLag.WatchAsync(channels[0], running, interrupt);
        var result = await running;
        result = result with { Journal = JournalDelta.Between(journalBefore, await JournalDelta.ReadAsync(diagnostics)) };
        if (result.Requests == 0)
        {
            Console.Error.WriteLine("no requests were measured (stopped during warm-up?)");
            return 1;
        }

        // With --json - stdout carries only the JSON, so the table goes to stderr.
        Report.WriteSummary(result, options.JsonPath == "-" ? Console.Error : Console.Out);
        if (await lag is { } lagLine)
        {
            (options.JsonPath == "-" ? Console.Error : Console.Out).WriteLine(lagLine);
        }
        if (options.JsonPath is { } path)
        {
            try
            {
                Report.WriteJson(result, path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"cannot write {path}: {ex.Message}");
                return 1;
            }
        }

        if (result.ErrorRate > MaxErrorRate)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error rate {result.ErrorRate:0.##%} is above {MaxErrorRate:0.#%}"));
            return 1;
        }

        return 0;
    }

    /// <summary>One Ping before anything else, so a wrong address fails in a second with one clear line.</summary>
    private static async Task<string?> CheckReachableAsync(LoadGenOptions options, GrpcChannel channel, CancellationToken cancellationToken)
    {
        string url = options.Url.OriginalString;
        try
        {
            await new Diagnostics.DiagnosticsClient(channel).PingAsync(
                new PingRequest(), deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
            return null;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unimplemented && ex.Status.Detail.StartsWith("Bad gRPC response", StringComparison.Ordinal))
        {
            // An HTTP status without grpc-status: something answers there, but it is not a gRPC server.
            return $"cannot reach {url}: not a gRPC endpoint ({ex.Status.Detail})";
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unimplemented)
        {
            // The server answered, it just has no Diagnostics service; only the ping scenario needs one.
            return options.Scenario == ScenarioKind.Ping ? $"{url} does not implement loyaltygrid.v1.Diagnostics/Ping: {ex.Status.Detail}" : null;
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return $"cannot reach {url}: {Describe(ex)}";
        }
    }

    /// <summary>The most specific message: "Connection refused" beats "Error starting gRPC call".</summary>
    private static string Describe(RpcException exception)
    {
        Exception? inner = exception.Status.DebugException;
        while (inner?.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner is null ? $"{exception.StatusCode}: {exception.Status.Detail}" : $"{exception.StatusCode}: {inner.Message}";
    }

    /// <summary>
    /// One HTTP/2 connection per channel; terminals share them round-robin, many calls multiplexed on each. A channel
    /// opens another connection only if its calls exceed the server's stream limit (100 by default in Kestrel).
    /// </summary>
    private static GrpcChannel[] CreateChannels(LoadGenOptions options, BenchKeys keys) =>
        [.. Enumerable.Range(0, options.Channels).Select(_ => GrpcChannel.ForAddress(options.Url, new GrpcChannelOptions
        {
            // Every call carries an API key; plaintext HTTP/2 on a trusted network, as the silo's default.
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, keys.Credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                UseProxy = false,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            },
            DisposeHttpClient = true,
            // UNAVAILABLE and INTERNAL (a silo died under load) are resent by the channel with the same bytes, so the
            // same request_id, which idempotency makes safe: a failover shows as latency, not as lost or doubled calls.
            ServiceConfig = new ServiceConfig
            {
                MethodConfigs =
                {
                    new MethodConfig
                    {
                        Names = { MethodName.Default },
                        RetryPolicy = new RetryPolicy
                        {
                            MaxAttempts = 5,
                            InitialBackoff = TimeSpan.FromMilliseconds(500),
                            MaxBackoff = TimeSpan.FromSeconds(3),
                            BackoffMultiplier = 2,
                            RetryableStatusCodes = { StatusCode.Unavailable, StatusCode.Internal },
                        },
                    },
                },
            },
        }))];
}
