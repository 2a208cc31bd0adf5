using LoyaltyGrid.Domain.Referrals;

namespace LoyaltyGrid.Domain.Members;

/// <summary>The referee's record, made with its enrolment, of the code it enrolled with: accepted, or rejected with the reason.</summary>
public sealed record ReferredBy(string ReferralId, string Code, string ReferrerMemberId, ReferralRejection? Rejection) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before;
}
