namespace LoyaltyGrid.Domain.Rewards;

/// <summary>A member gives back an unused reward code: its points come back and its unit returns to stock.</summary>
public sealed record CancelRewardRedemption(string RequestId, string ProgramId, string MemberId, string Code)
{
    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Id("member_id", MemberId)
            .Id("code", Code);
        if (Code.Length > 0 && RewardRedemption.RewardIdOf(Code) is null)
        {
            v.Add("code", "is not a reward code (a reward id, '.', and ten characters, as RedeemReward answered)");
        }
        v.ThrowIfInvalid();
    }
}
