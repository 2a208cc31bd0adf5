using Microsoft.Extensions.Options;

namespace LoyaltyGrid.Baseline;

/// <summary>Runs <see cref="AdoNetSchema"/> before the silo: registered ahead of Orleans, whose hosted service starts after this one.</summary>
public sealed class SchemaStartup(IOptions<BaselineOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        AdoNetSchema.EnsureCreatedAsync(options.Value.ConnectionString, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
