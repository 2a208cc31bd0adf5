namespace LoyaltyGrid.Domain.Rewards;

/// <summary>A member spends a reward's points for one of its codes.</summary>
public sealed record RedeemReward(string RequestId, string ProgramId, string MemberId, string RewardId)
{
    public void Validate() => new RequestValidator()
        .RequestId("request_id", RequestId)
        .Id("program_id", ProgramId)
        .Id("member_id", MemberId)
        .Id("reward_id", RewardId)
        .ThrowIfInvalid();
}
