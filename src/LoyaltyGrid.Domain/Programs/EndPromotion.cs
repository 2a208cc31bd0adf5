namespace LoyaltyGrid.Domain.Programs;

public sealed record EndPromotion(string RequestId, string ProgramId, string Actor, string PromotionId) : IProgramCommand
{
    public void Validate() => new RequestValidator()
        .RequestId("request_id", RequestId)
        .Id("program_id", ProgramId)
        .Id("promotion_id", PromotionId)
        .ThrowIfInvalid();
}
