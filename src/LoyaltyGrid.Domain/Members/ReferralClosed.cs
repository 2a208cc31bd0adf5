using LoyaltyGrid.Domain.Referrals;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The referee's referral is final (<see cref="Voided"/> null: its purchase can no longer be returned; the rewards are
/// owed) or voided, with the reason. Either way the referrer is told (<see cref="SettleReferral"/>) and has the last word
/// (a self-referral by the same email or phone is found there): the referee's <see cref="RefereePoints"/> are credited
/// with the referrer's answer (<see cref="ReferralOutcomeDelivered"/>).
/// </summary>
public sealed record ReferralClosed(string ReferralId, string ReferrerMemberId, long RefereePoints, long ReferrerPoints, ReferralRejection? Voided) : MemberEvent
{
    public const string Rule = "referral";

    public override Balance ApplyTo(Balance before) => before;
}
