using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Benefits;

public sealed record RetireBenefit(string RequestId, string ProgramId, string Actor, string BenefitId) : IProgramCommand
{
    public void Validate() => new RequestValidator()
        .RequestId("request_id", RequestId)
        .Id("program_id", ProgramId)
        .Id("benefit_id", BenefitId)
        .ThrowIfInvalid();
}
