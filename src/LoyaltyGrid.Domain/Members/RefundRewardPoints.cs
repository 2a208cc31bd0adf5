using LoyaltyGrid.Domain.Rewards;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// Gives back the points of a cancelled reward code. Sent by the reward's grain once the cancellation is durable;
/// <see cref="RequestId"/> is <see cref="RequestIdOf"/> the code, so the points come back once.
/// </summary>
public sealed record RefundRewardPoints(string RequestId, string ProgramId, string MemberId, string RewardId, string Code, long Points,
    string? PartnerId)
    : IMemberCommand
{
    public const string Rule = "reward-refund";

    public static string RequestIdOf(string code) => "reward-refund:" + code;

    public void Validate() => new RequestValidator().RequestId("request_id", RequestId).Id("program_id", ProgramId).Id("member_id", MemberId)
        .Id("reward_id", RewardId).Id("code", Code).Range("points", Points, 1, RewardLimits.MaxPointsCost).ThrowIfInvalid();
}
