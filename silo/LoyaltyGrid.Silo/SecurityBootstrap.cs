using LoyaltyGrid.Grains;
using Microsoft.Extensions.Options;

namespace LoyaltyGrid.Silo;

/// <summary>
/// Makes sure there is a first admin key once the silo is up: the configured one, or a generated one printed
/// here once (to standard output, never to the log). Its text cannot be shown again; lose it and configure one.
/// </summary>
public sealed class SecurityBootstrap(IGrainFactory grains, IOptions<SecurityOptions> options, IHostApplicationLifetime lifetime)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grain calls need the silo to be running, which it is once the host has started.
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        var generated = await grains.GetGrain<IKeyDirectoryGrain>(KeyDirectoryGrain.Key).EnsureBootstrap(options.Value.BootstrapKey);
        if (generated is not null)
        {
            Console.WriteLine();
            Console.WriteLine("LoyaltyGrid: no LoyaltyGrid:Security:BootstrapKey was configured, so this admin key was generated.");
            Console.WriteLine("It is shown only now; send it as 'authorization: Bearer <key>':");
            Console.WriteLine($"  {generated}");
            Console.WriteLine();
        }
    }
}
