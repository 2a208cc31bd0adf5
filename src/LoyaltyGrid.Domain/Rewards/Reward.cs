namespace LoyaltyGrid.Domain.Rewards;

/// <summary>
/// One entry of a program's rewards catalogue: what it costs in points, what the member gets (<see cref="Kind"/> and
/// its one detail: a SKU, a discount, a partner's service or a donation), how many may ever be taken
/// (<see cref="Stock"/>), how many by one member (<see cref="PerMemberLimit"/>, 0: no limit), when
/// (<see cref="ValidFrom"/> to <see cref="ValidUntil"/>), by whom (<see cref="TierIds"/>, empty: every member) and, for a
/// coalition, which partner offers it (<see cref="PartnerId"/>: its codes are accepted at that merchant only).
/// </summary>
public sealed record Reward(
    string RewardId,
    string Name,
    string Description,
    RewardKind Kind,
    long PointsCost,
    string? Sku,
    long DiscountMinor,
    long DiscountPercent,
    string? ServiceName,
    string? CharityName,
    long DonationMinor,
    string? PartnerId,
    long Stock,
    int PerMemberLimit,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidUntil,
    IReadOnlyList<string> TierIds,
    TimeSpan CodeValidity)
{
    /// <summary>How long a reward code is accepted when the reward names no validity.</summary>
    public static readonly TimeSpan DefaultCodeValidity = TimeSpan.FromDays(30);

    public static readonly TimeSpan MinCodeValidity = TimeSpan.FromHours(1);

    public static readonly TimeSpan MaxCodeValidity = TimeSpan.FromDays(366);

    /// <summary>Only members in one of these segments may redeem it; empty: every member (of its tiers).</summary>
    public IReadOnlyList<string> SegmentIds { get; init; } = [];

    /// <summary>Whether a member of <paramref name="tierId"/> (null: no tier) is targeted.</summary>
    public bool Targets(string? tierId) => TierIds.Count == 0 || (tierId is not null && TierIds.Contains(tierId));
}
