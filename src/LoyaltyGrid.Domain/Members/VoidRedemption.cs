namespace LoyaltyGrid.Domain.Members;

public sealed record VoidRedemption(string RequestId, string ProgramId, string MemberId, string HoldId) : IMemberCommand
{
    public void Validate() => new RequestValidator()
        .RequestId("request_id", RequestId)
        .Id("program_id", ProgramId)
        .Id("member_id", MemberId)
        .Id("hold_id", HoldId)
        .ThrowIfInvalid();
}
