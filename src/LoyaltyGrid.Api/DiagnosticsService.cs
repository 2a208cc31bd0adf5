using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.Api;

/// <summary>Touches no grain and no storage: the ceiling benchmarks compare against.</summary>
public sealed class DiagnosticsService(TimeProvider time) : Diagnostics.DiagnosticsBase
{
    public override Task<PingResponse> Ping(PingRequest request, ServerCallContext context) =>
        Task.FromResult(new PingResponse { Payload = request.Payload, ServerTime = Timestamp.FromDateTimeOffset(time.GetUtcNow()) });
}
