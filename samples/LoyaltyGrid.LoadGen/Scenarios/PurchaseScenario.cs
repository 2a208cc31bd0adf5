using Grpc.Core;

namespace LoyaltyGrid.LoadGen.Scenarios;

/// <summary>Checkout.RecordPurchase in a loop, each for a member picked uniformly at random.</summary>
internal sealed class PurchaseScenario(TerminalContext terminal) : TerminalScenario(terminal)
{
    public override async Task<CallOutcome> StepAsync(CancellationToken cancellationToken)
    {
        var request = Terminal.NewPurchase(Terminal.PickMember());
        try
        {
            await Terminal.Checkout.RecordPurchaseAsync(request, cancellationToken: cancellationToken);
            return CallOutcome.Ok("purchase");
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return CallOutcome.Failed("purchase", ex);
        }
    }
}
