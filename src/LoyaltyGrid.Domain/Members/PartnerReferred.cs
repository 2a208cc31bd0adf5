namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The new member's record, made with its enrolment, that it enrolled with a coalition partner's referral code
/// (<see cref="Coalitions.PartnerReferrals"/>): its first purchase at another partner pays <see cref="PartnerId"/> the
/// referral fee of its terms. No member referral rule applies to it.
/// </summary>
public sealed record PartnerReferred(string PartnerId, string Code) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before;
}
