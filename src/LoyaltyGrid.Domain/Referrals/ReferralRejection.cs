namespace LoyaltyGrid.Domain.Referrals;

/// <summary>Why a referral was rejected at enrolment, or voided later. The numbers are the API's and the stored format's.</summary>
public enum ReferralRejection
{
    /// <summary>The referee is the referrer: the same member, the same card, or (found when the reward falls due) the same email or phone.</summary>
    SelfReferral = 1,

    /// <summary>
    /// The referee was a member already: the card they enrolled with had belonged to another member of the program, or
    /// (found when the reward falls due) another member of the program has the referee's email or phone.
    /// </summary>
    AlreadyAMember = 2,

    /// <summary>The referrer had as many accepted referrals in the rules' period as the program allows.</summary>
    CapReached = 3,

    /// <summary>The code had expired (the rules' code_valid_days after it was issued).</summary>
    CodeExpired = 4,

    /// <summary>The program has no referral rules.</summary>
    ReferralsOff = 5,

    /// <summary>The referee's first qualifying purchase was returned (below the rules' minimum spend) before it was final.</summary>
    PurchaseReturned = 6,
}
