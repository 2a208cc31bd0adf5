using LoyaltyGrid.Domain.Rewards;

namespace LoyaltyGrid.Grains;

/// <summary>
/// One reward of a program's catalogue: its definition, its stock counter and its codes, serialised in one
/// activation in the cluster, so concurrent redemptions on any silo never take more than the stock. Key: see
/// <see cref="RewardKey"/>. Every change is durable before it is answered.
/// </summary>
[Alias("lg.IRewardGrain")]
public interface IRewardGrain : IGrainWithStringKey
{
    /// <summary>CreateReward or UpdateReward; a created reward is listed in its program's catalogue.</summary>
    [Alias("Define")]
    Task<GrainReply<RewardView>> Define(DefineReward command);

    /// <summary>The reward as listed, with what <paramref name="memberId"/> holds of it; null if it does not exist. Changes nothing.</summary>
    [Alias("View")]
    Task<RewardView?> View(string? memberId);

    /// <summary>
    /// Reserves a unit (durable), debits the member's points (the member's grain, idempotent by the request id), and
    /// issues the code; a refused debit gives the unit back, so a refused redemption takes nothing.
    /// </summary>
    [Alias("Redeem")]
    Task<GrainReply<RewardRedemption>> Redeem(RedeemReward command);

    /// <summary>Cancels an unused code (durable: the unit is back in stock), then gives the member's points back once.</summary>
    [Alias("Cancel")]
    Task<GrainReply<RewardRedemption>> Cancel(CancelRewardRedemption command);

    /// <summary>
    /// From the wake-up service: finishes the reservations whose debit's outcome was unknown (debits them again, issues
    /// or gives back), and stores the next wake-up time (none once all are finished).
    /// </summary>
    [Alias("WakeUp")]
    Task WakeUp();
}
