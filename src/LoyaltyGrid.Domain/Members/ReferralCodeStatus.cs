namespace LoyaltyGrid.Domain.Members;

/// <summary>The member's current referral code.</summary>
public sealed record ReferralCodeStatus(string Code, int Version, DateTimeOffset? ExpiresAt);
