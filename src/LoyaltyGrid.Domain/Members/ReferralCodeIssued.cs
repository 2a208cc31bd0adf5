namespace LoyaltyGrid.Domain.Members;

/// <summary>The member's own referral code (GetReferralCode): <see cref="Version"/> counts the member's codes; null <see cref="ExpiresAt"/>: never expires.</summary>
public sealed record ReferralCodeIssued(string Code, int Version, DateTimeOffset? ExpiresAt) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before;
}
