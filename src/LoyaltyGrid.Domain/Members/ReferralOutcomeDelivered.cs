using LoyaltyGrid.Domain.Referrals;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The referrer answered how the referral ended: the referee's <see cref="RefereePoints"/> (available at once) unless it
/// was voided (<see cref="Voided"/>, e.g. a self-referral the referrer found). Nothing of the referral is left open.
/// </summary>
public sealed record ReferralOutcomeDelivered(string ReferralId, long RefereePoints, ReferralRejection? Voided) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available + RefereePoints,
        LifetimeEarned = before.LifetimeEarned + RefereePoints,
    };
}
