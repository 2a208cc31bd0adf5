using LoyaltyGrid.Domain.Rewards;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// Debits a reward's points for the code its reward's grain reserved, refused if the member is not in one of the
/// reward's tiers or segments or lacks the points. Sent by the reward's grain only; <see cref="RequestId"/> is
/// <see cref="RequestIdOf"/> the code, so a retry after a crash debits once.
/// </summary>
public sealed record RedeemRewardPoints(
    string RequestId,
    string ProgramId,
    string MemberId,
    string RewardId,
    string Code,
    long Points,
    IReadOnlyList<string> TierIds,
    string? PartnerId) : IMemberCommand
{
    public const string Rule = "reward";

    /// <summary>The reward's segments: the member must be in one of them; empty: any member.</summary>
    public IReadOnlyList<string> SegmentIds { get; init; } = [];

    public static string RequestIdOf(string code) => "reward:" + code;

    public void Validate() => new RequestValidator().RequestId("request_id", RequestId).Id("program_id", ProgramId).Id("member_id", MemberId)
        .Id("reward_id", RewardId).Id("code", Code).Range("points", Points, 1, RewardLimits.MaxPointsCost).ThrowIfInvalid();
}
