namespace LoyaltyGrid.Domain.Members;

public sealed record EnrollMember(string RequestId, string ProgramId, string MemberId, string? CardAlias) : IMemberCommand
{
    public void Validate() => new RequestValidator()
        .RequestId("request_id", RequestId)
        .Id("program_id", ProgramId)
        .Id("member_id", MemberId)
        .Id("card_alias", CardAlias, required: false)
        .ThrowIfInvalid();
}
