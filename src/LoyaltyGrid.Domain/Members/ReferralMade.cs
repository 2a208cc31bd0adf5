using LoyaltyGrid.Domain.Referrals;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The referrer's record of a new member who enrolled with its code: accepted (<see cref="Rejection"/> null: pending
/// until the referee's first qualifying purchase is final) or rejected, with the reason.
/// </summary>
public sealed record ReferralMade(string ReferralId, string RefereeMemberId, string Code, ReferralRejection? Rejection) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before;
}
