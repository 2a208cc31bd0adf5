namespace LoyaltyGrid.Grains;

/// <summary>Who a referral code belongs to, and until when it is valid (null: no end).</summary>
[GenerateSerializer, Immutable, Alias("lg.ReferralCodeOwner")]
public sealed record ReferralCodeOwner([property: Id(0)] string MemberId, [property: Id(1)] DateTimeOffset? ExpiresAt);
