using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.LoadGen.Scenarios;

/// <summary>Diagnostics.Ping in a loop: no grain, no storage, the ceiling for every other scenario.</summary>
internal sealed class PingScenario(TerminalContext terminal) : TerminalScenario(terminal)
{
    // Serialising a message only reads it, so all terminals can share one empty request.
    private static readonly PingRequest s_request = new();

    public override async Task<CallOutcome> StepAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Terminal.Diagnostics.PingAsync(s_request, cancellationToken: cancellationToken);
            return CallOutcome.Ok("ping");
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return CallOutcome.Failed("ping", ex);
        }
    }
}
