using LoyaltyGrid.Storage;

namespace LoyaltyGrid.Silo;

/// <summary>
/// Opens the store and creates its schema before anything can use it: registered ahead of the Orleans silo
/// and the gRPC server, whose hosted services start after this one.
/// </summary>
public sealed class StorageStartup(IEventStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
