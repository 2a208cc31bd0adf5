using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Grains;

/// <summary>
/// How often one coupon code has been used, and by whom. Key: <c>{program_id}/{code}</c>. The code's terms come
/// from the program that issued it; the uses are this grain's own durable journal.
/// </summary>
[Alias("lg.ICouponGrain")]
public interface ICouponGrain : IGrainWithStringKey
{
    /// <summary>The code's batch (null if never issued) and its uses so far. Changes nothing.</summary>
    [Alias("Check")]
    Task<CouponStatus> Check();

    /// <summary>
    /// Records one use by <paramref name="memberId"/> for the purchase request <paramref name="useId"/>. Idempotent per
    /// use id (and member: use ids are unique only per member). Refuses COUPON_NOT_FOUND, COUPON_USED_UP (all uses
    /// taken), COUPON_NOT_YOURS (issued to another member), COUPON_NOT_YET_VALID and COUPON_EXPIRED.
    /// </summary>
    [Alias("Redeem")]
    Task<GrainReply<CouponStatus>> Redeem(string memberId, string useId);

    /// <summary>Gives a use back (its purchase was returned, or could not be made durable). No-op for an unknown use.</summary>
    [Alias("Release")]
    Task<CouponStatus> Release(string memberId, string useId);
}
