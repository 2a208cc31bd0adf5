namespace LoyaltyGrid.Domain.Referrals;

/// <summary>
/// One event of a referral code's journal: the code was given to <see cref="MemberId"/>, valid until <see cref="ExpiresAt"/>
/// (null: no end); or, when <see cref="PartnerId"/> is set, to that coalition partner (then <see cref="MemberId"/> is empty).
/// </summary>
public sealed record ReferralCodeClaimed(string MemberId, DateTimeOffset? ExpiresAt, DateTimeOffset At)
{
    /// <summary>The partner (merchant id) that owns the code, or null for a member's code.</summary>
    public string? PartnerId { get; init; }
}
