using LoyaltyGrid.Domain.Rewards;

namespace LoyaltyGrid.Grains;

/// <summary>
/// One reward code at checkout: issued by its reward's grain, used once by a purchase (through the coupon grain of the
/// same code, so RecordPurchase's coupon_codes accept it), cancelled by its member unless used. Key:
/// <c>{program_id}/{code}</c>, like the coupon grain's. It calls no grain, so neither the member's grain (checkout) nor
/// the reward's grain (issue, cancel) can meet the other in a call cycle through it.
/// </summary>
[Alias("lg.IRewardCodeGrain")]
public interface IRewardCodeGrain : IGrainWithStringKey
{
    /// <summary>Records the code's terms (durable); a code issued already keeps its first terms.</summary>
    [Alias("Issue")]
    Task Issue(RewardCode terms);

    /// <summary>The code's terms and state, or null if it was never issued. Changes nothing.</summary>
    [Alias("Check")]
    Task<RewardCodeStatus?> Check();

    /// <summary>One use by a purchase (idempotent per member and use id). Refuses as checkout would (COUPON_USED_UP, …).</summary>
    [Alias("Use")]
    Task<GrainReply<RewardCodeStatus>> Use(string memberId, string useId);

    /// <summary>Gives the use back (the purchase was returned in full, or could not be made durable); no-op for another use.</summary>
    [Alias("Release")]
    Task<RewardCodeStatus?> Release(string memberId, string useId);

    /// <summary>Cancels the code for good unless a purchase used it (REWARD_CODE_USED); cancelling twice is a no-op.</summary>
    [Alias("Cancel")]
    Task<GrainReply<RewardCodeStatus>> Cancel();
}
