namespace LoyaltyGrid.Domain.Programs;

public sealed record SetEarningRules(string RequestId, string ProgramId, string Actor, EarningRules Rules) : IProgramCommand
{
    public void Validate()
    {
        var v = new RequestValidator().RequestId("request_id", RequestId).Id("program_id", ProgramId);
        ProgramRuleChecks.Earning(v, Rules);
        v.ThrowIfInvalid();
    }
}
