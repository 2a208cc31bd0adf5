using Grpc.Core;
using Grpc.Net.Client;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.LoadGen;

/// <summary>
/// The keys the load generator's calls carry: checkout calls a merchant admin key of the bench program's merchant
/// (as a store's tills would), everything else the platform admin key it was given.
/// </summary>
internal sealed class BenchKeys(string adminKey)
{
    private string? tillKey;

    public CallCredentials Credentials => CallCredentials.FromInterceptor((context, metadata) =>
    {
        var checkout = context.ServiceUrl.EndsWith("/loyaltygrid.v1.Checkout", StringComparison.Ordinal);
        metadata.Add("authorization", "Bearer " + (checkout && tillKey is not null ? tillKey : adminKey));
        return Task.CompletedTask;
    });

    /// <summary>Issues this run's merchant admin key with the admin key (a fresh one each run: a key is shown once).</summary>
    public async Task IssueTillKeyAsync(GrpcChannel channel, string programId)
    {
        var issued = await new Access.AccessClient(channel).IssueApiKeyAsync(new IssueApiKeyRequest
        {
            RequestId = $"loadgen-{Guid.NewGuid():N}",
            Name = $"load generator tills of {Bench.MerchantId}",
            Role = ApiRole.MerchantAdmin,
            ProgramId = programId,
            MerchantId = Bench.MerchantId,
        }, deadline: DateTime.UtcNow.AddSeconds(30));
        tillKey = issued.ApiKey;
    }
}
