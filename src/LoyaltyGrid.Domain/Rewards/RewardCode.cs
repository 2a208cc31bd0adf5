namespace LoyaltyGrid.Domain.Rewards;

/// <summary>
/// What checkout needs to know of an issued reward code: whose it is, until when, where (a partner's reward only at
/// that merchant) and what it takes off the basket (its reward's kind and detail, as they were when it was issued).
/// </summary>
public sealed record RewardCode(
    string Code,
    string RewardId,
    string Name,
    string MemberId,
    RewardKind Kind,
    string? Sku,
    long DiscountMinor,
    long DiscountPercent,
    string? PartnerId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>The "promotion" a reward code's discount lines and coupon outcome name (no promotion of the program has a ':').</summary>
    public static string PromotionIdOf(string rewardId) => "reward:" + rewardId;

    public static RewardCode Of(Reward reward, RewardRedemption redemption) =>
        new(redemption.Code, reward.RewardId, reward.Name, redemption.MemberId, reward.Kind, reward.Sku, reward.DiscountMinor, reward.DiscountPercent,
            reward.PartnerId, redemption.RedeemedAt, redemption.ExpiresAt);
}
