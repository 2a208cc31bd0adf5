using LoyaltyGrid.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LoyaltyGrid.Api;

/// <summary>Serving only while the journal's database answers: without it no request can be acknowledged.</summary>
public sealed class StorageHealthCheck(IEventStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ReadDueWakeUpsAsync(DateTimeOffset.UnixEpoch, 1, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The journal database does not answer.", ex);
        }
    }
}
