using LoyaltyGrid.Domain.Referrals;

namespace LoyaltyGrid.Domain.Members;

/// <summary>The referrer's record of how a referral ended: its reward (available at once) or why it was voided.</summary>
public sealed record ReferralSettled(string ReferralId, string RefereeMemberId, long Points, ReferralRejection? Voided) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available + Points,
        LifetimeEarned = before.LifetimeEarned + Points,
    };
}
