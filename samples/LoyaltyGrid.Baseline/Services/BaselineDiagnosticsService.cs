using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.Baseline.Services;

/// <summary>Ping, for readiness checks and the same ceiling as the silo's. There is no journal, so no journal stats.</summary>
public sealed class BaselineDiagnosticsService : Diagnostics.DiagnosticsBase
{
    public override Task<PingResponse> Ping(PingRequest request, ServerCallContext context) =>
        Task.FromResult(new PingResponse { Payload = request.Payload, ServerTime = Timestamp.FromDateTime(DateTime.UtcNow) });
}
