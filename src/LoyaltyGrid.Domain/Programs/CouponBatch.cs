namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// Codes of a coupon promotion issued together. Each code may be used <see cref="MaxUsesPerCode"/> times in all
/// (1 = single use), only by <see cref="MemberId"/> when set, within [<see cref="ValidFrom"/>, <see cref="ValidUntil"/>).
/// </summary>
public sealed record CouponBatch(
    string BatchId,
    string PromotionId,
    IReadOnlyList<string> Codes,
    string? MemberId,
    int MaxUsesPerCode,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    DateTimeOffset IssuedAt);
