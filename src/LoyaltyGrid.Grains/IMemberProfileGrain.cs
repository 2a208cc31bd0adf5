using LoyaltyGrid.Domain.Profiles;

namespace LoyaltyGrid.Grains;

/// <summary>
/// One member's personal data: contact details and marketing consents, in a journal of its own, apart from the
/// member's points. Key: <c>{program_id}/{member_id}</c>, like <see cref="IMemberGrain"/>. Every change is idempotent
/// by request id (a retry answers what the change answered) and refused with MEMBER_NOT_FOUND for a member not enrolled.
/// </summary>
[Alias("lg.IMemberProfileGrain")]
public interface IMemberProfileGrain : IGrainWithStringKey
{
    /// <summary>Changes the fields the command names; a change of the birth date is told to the member's points (month and day only).</summary>
    [Alias("Update")]
    Task<GrainReply<ProfileView>> Update(UpdateProfile command);

    /// <summary>Records a consent given or withdrawn; the answer is the channel's consent as recorded.</summary>
    [Alias("SetConsent")]
    Task<GrainReply<Consent>> SetConsent(SetConsent command);

    /// <summary>Clears the details and consents (a privacy request) and has the member's points forget the birthday.</summary>
    [Alias("Erase")]
    Task<GrainReply<ProfileView>> Erase(EraseProfile command);

    [Alias("Get")]
    Task<GrainReply<ProfileView>> Get();
}
