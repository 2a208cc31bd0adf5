namespace LoyaltyGrid.Domain.Referrals;

/// <summary>Where a referral stands, as its referrer's journal tells it. The numbers are the API's.</summary>
public enum ReferralStatus
{
    Pending = 1,
    Rewarded = 2,
    Rejected = 3,
    Voided = 4,
}
