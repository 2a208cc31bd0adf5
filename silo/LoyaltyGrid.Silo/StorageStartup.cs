using LoyaltyGrid.Storage;

namespace LoyaltyGrid.Silo;

/// <summary>Opens the store (and creates its schema) before the silo and the gRPC endpoint start.</summary>
public sealed class StorageStartup(IEventStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The store the silo runs on; resolving this service is what initializes it.</summary>
    public IEventStore Store { get; } = store;
}
