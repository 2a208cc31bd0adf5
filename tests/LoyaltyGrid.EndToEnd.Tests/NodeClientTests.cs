using System.Diagnostics;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>A client in another language: samples/node-client loads protos/ with @grpc/grpc-js and runs a POS session.</summary>
public sealed class NodeClientTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    [Fact]
    public async Task Node_grpc_js_client_enrolls_buys_redeems_and_returns()
    {
        var sample = Path.Combine(TestEnvironment.RepositoryRoot, "samples", "node-client");
        Assert.True(Directory.Exists(Path.Combine(sample, "node_modules")),
            "samples/node-client has no node_modules: tests/run.sh runs 'npm ci' there.");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { "pos.js", new Uri(silo.Silo.Url).Authority },
            WorkingDirectory = sample,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["LOYALTYGRID_API_KEY"] = TestKeys.Bootstrap },
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(node.ExitCode == 0, $"node pos.js exited {node.ExitCode}:\n{await output}\n{await errors}");
        Assert.Contains("PASS: all checks passed", await output);
    }
}
