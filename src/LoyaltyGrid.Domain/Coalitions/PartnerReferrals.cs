using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Referrals;

namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// Partner referrals in a coalition: a partner holds a referral code; a member who enrols with it is the partner's
/// referral, and the member's first purchase at another partner pays the referring partner the referral fee of its
/// terms (<see cref="PartnerTerms.ReferralFeeMinor"/>), owed by the partner where the member bought, in the settlement.
/// The member referral rules (rewards in points, the self-referral and "already a member" checks, the cap) do not apply.
/// </summary>
public static class PartnerReferrals
{
    /// <summary>The owner id a partner's code derives from: never a member id (ids have no '/').</summary>
    public const string OwnerPrefix = "partner/";

    /// <summary>The partner's code of <paramref name="version"/> (<see cref="ReferralCodes.Of"/>): a later version only after a collision.</summary>
    public static string CodeOf(string programId, string merchantId, int version) => ReferralCodes.Of(programId, OwnerPrefix + merchantId, version);

    /// <summary>Refuses a code for a merchant that is not a partner now (NOT_FOUND) or a program that is no coalition.</summary>
    public static void CheckPartner(ProgramRules rules, string merchantId, DateTimeOffset now)
    {
        if (rules.Coalition is null)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("NOT_A_COALITION",
                $"program '{rules.ProgramId}' is not a coalition: it has no partners to hold a referral code"));
        }
        if (CoalitionRules.PartnerAt(rules, merchantId, now) is null)
        {
            throw new LoyaltyException(LoyaltyError.NotFound("PARTNER_NOT_FOUND",
                $"merchant '{merchantId}' is not a partner of program '{rules.ProgramId}' now"));
        }
    }

    /// <summary>
    /// The fee a purchase makes due: the partner-referred member's first purchase at a partner other than its referrer
    /// (at the referrer's fee in force when the purchase is recorded; 0 if it has none or has left). Null for any other
    /// purchase: at the referrer itself, at a merchant that is no partner, or once the fee was made due.
    /// </summary>
    public static PartnerReferralFeeDue? FeeDue(MemberState state, ProgramRules rules, PurchaseRecorded purchase, DateTimeOffset now)
    {
        if (state.ReferringPartnerId is not { } partnerId || state.PartnerReferralFeeRaised || purchase.MerchantId == partnerId
            || CoalitionRules.PartnerAt(rules, purchase.MerchantId, now) is null)
        {
            return null;
        }
        var fee = CoalitionRules.PartnerAt(rules, partnerId, now)?.ReferralFeeMinor ?? 0;
        return new PartnerReferralFeeDue(partnerId, purchase.MerchantId, purchase.TransactionId, fee) { OccurredAt = now, RecordedAt = now };
    }
}
