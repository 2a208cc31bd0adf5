namespace LoyaltyGrid.Grains;

/// <summary>
/// Which member (or coalition partner) a referral code belongs to, so an enrolment with the code finds its referrer. Key:
/// <c>{program_id}/{code}</c> (see <see cref="CardAliasKey"/>'s form). A code is claimed once and never changes owner.
/// </summary>
[Alias("lg.IReferralCodeGrain")]
public interface IReferralCodeGrain : IGrainWithStringKey
{
    /// <summary>Gives the code to the member: true if it is now (or already was) the member's, false if it is another member's.</summary>
    [Alias("Claim")]
    Task<bool> Claim(string memberId, DateTimeOffset? expiresAt);

    /// <summary>Gives the code to a coalition partner, for good: true if it is now (or already was) the partner's, false if it is another owner's.</summary>
    [Alias("ClaimForPartner")]
    Task<bool> ClaimForPartner(string partnerId);

    /// <summary>The code's owner, or null if no member or partner has it.</summary>
    [Alias("Owner")]
    Task<ReferralCodeOwner?> Owner();
}
