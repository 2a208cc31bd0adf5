using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.LoadGen.Scenarios;

/// <summary>Members.GetMember in a loop: gRPC plus a grain call, no storage. Between ping and purchase.</summary>
internal sealed class MemberScenario(TerminalContext terminal) : TerminalScenario(terminal)
{
    public override async Task<CallOutcome> StepAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Terminal.Members.GetMemberAsync(
                new GetMemberRequest { ProgramId = Terminal.ProgramId, MemberId = Terminal.PickMember() },
                cancellationToken: cancellationToken);
            return CallOutcome.Ok("get-member");
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return CallOutcome.Failed("get-member", ex);
        }
    }
}
