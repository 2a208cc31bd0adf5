namespace LoyaltyGrid.Domain.Referrals;

/// <summary>One event of a referral code's journal: the code was given to <see cref="MemberId"/>, valid until <see cref="ExpiresAt"/> (null: no end).</summary>
public sealed record ReferralCodeClaimed(string MemberId, DateTimeOffset? ExpiresAt, DateTimeOffset At);
