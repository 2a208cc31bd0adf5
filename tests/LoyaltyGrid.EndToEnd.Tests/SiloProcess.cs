using System.Diagnostics;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>The real silo, started as its own process on free loopback ports; <see cref="Kill"/> is kill -9.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private SiloProcess(Process process, string url)
    {
        this.process = process;
        Url = url;
        GrpcChannel = GrpcChannel.ForAddress(url);
        Channel = GrpcChannel.CreateCallInvoker().Intercept(new TestKeys(GrpcChannel.CreateCallInvoker()));
    }

    public string Url { get; }

    /// <summary>The channel with no key added: for tests of authentication itself.</summary>
    public GrpcChannel GrpcChannel { get; }

    /// <summary>Calls through here carry the key a real client would use (see <see cref="TestKeys"/>).</summary>
    public CallInvoker Channel { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the silo. A free port is only free when it was looked up: another process (an outgoing connection's
    /// ephemeral port, a parallel test's silo) may take it before the silo binds it, so a start that fails with
    /// "address already in use" is tried again on new ports (those the caller chose are kept).
    /// </summary>
    public static async Task<SiloProcess> StartAsync(SiloOptions options, int? siloPort = null, int? gatewayPort = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var silo = Launch(options, siloPort, gatewayPort);
            try
            {
                await silo.WaitUntilReadyAsync();
                return silo;
            }
            catch (InvalidOperationException) when (attempt < 3 && silo.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await silo.DisposeAsync();
            }
        }
    }

    private static SiloProcess Launch(SiloOptions options, int? siloPort, int? gatewayPort)
    {
        var url = $"http://127.0.0.1:{TestEnvironment.FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { TestEnvironment.SiloAssembly, "--urls", url },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        var env = start.Environment;
        env["LoyaltyGrid__Storage__Provider"] = options.StorageProvider;
        env[options.StorageProvider == "Embedded" ? "LoyaltyGrid__Storage__DataDirectory" : "LoyaltyGrid__Storage__ConnectionString"] =
            options.StorageLocation;
        env["LoyaltyGrid__Storage__WakeUpPollInterval"] = "00:00:01";
        if (!options.GeneratedBootstrapKey)
        {
            env["LoyaltyGrid__Security__BootstrapKey"] = TestKeys.Bootstrap;
        }
        env["LoyaltyGrid__Clustering__Provider"] = options.ClusteringProvider;
        env["LoyaltyGrid__Clustering__ClusterId"] = options.ClusterId;
        env["LoyaltyGrid__Clustering__SiloPort"] = (siloPort ?? TestEnvironment.FreePort()).ToString();
        env["LoyaltyGrid__Clustering__GatewayPort"] = (gatewayPort ?? TestEnvironment.FreePort()).ToString();
        if (options.ClusteringConnectionString is { } redis)
        {
            env["LoyaltyGrid__Clustering__ConnectionString"] = redis;
        }
        if (!options.DefaultLogging)
        {
            env["Logging__LogLevel__Default"] = "Warning";
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var silo = new SiloProcess(process, url);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, exactly like a power cut of the process.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        GrpcChannel.Dispose();
        if (!process.HasExited)
        {
            Kill();
        }
        process.Dispose();
        await Task.CompletedTask;
    }

    private async Task WaitUntilReadyAsync()
    {
        var diagnostics = new Diagnostics.DiagnosticsClient(Channel);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {process.ExitCode}:\n{Output}");
            }
            try
            {
                await diagnostics.PingAsync(new PingRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                return;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unauthenticated)
            {
                // A silo that generated its own bootstrap key does not know ours, but it is up and answering.
                return;
            }
            catch (RpcException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
