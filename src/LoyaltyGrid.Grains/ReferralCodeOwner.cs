namespace LoyaltyGrid.Grains;

/// <summary>
/// Who a referral code belongs to, and until when it is valid (null: no end): a member, or a coalition partner
/// (<see cref="PartnerId"/> set, <see cref="MemberId"/> empty).
/// </summary>
[GenerateSerializer, Immutable, Alias("lg.ReferralCodeOwner")]
public sealed record ReferralCodeOwner([property: Id(0)] string MemberId, [property: Id(1)] DateTimeOffset? ExpiresAt)
{
    [Id(2)]
    public string? PartnerId { get; init; }
}
