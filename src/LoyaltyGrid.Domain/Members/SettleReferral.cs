using LoyaltyGrid.Domain.Referrals;

namespace LoyaltyGrid.Domain.Members;

/// <summary>The referee tells the referrer how a referral ended; credited once however often it is delivered (<see cref="RequestIdOf"/>).</summary>
public sealed record SettleReferral(string ProgramId, string MemberId, string ReferralId, string RefereeMemberId, long Points, ReferralRejection? Voided) : IMemberCommand
{
    /// <summary>Digests of the referee's email and phone (<see cref="ContactDigestsChanged"/>), for the referrer to compare with its own.</summary>
    public string? RefereeEmailDigest { get; init; }

    public string? RefereePhoneDigest { get; init; }

    /// <summary>
    /// The other members of the program with the referee's email or phone digest, as the contact-digest table (the
    /// insights projection) knew them when the referee delivered; the referee itself left out. Not part of the
    /// fingerprint: it is a look-up, not the request, and the referrer's first answer stands for every retry.
    /// </summary>
    public IReadOnlyList<string> OtherMembersWithContact { get; init; } = [];

    public string RequestId => RequestIdOf(ReferralId);

    public static string RequestIdOf(string referralId) => "referral-settled/" + referralId;

    public void Validate() => new RequestValidator().Id("program_id", ProgramId).Id("member_id", MemberId)
        .Id("referral_id", ReferralId).Range("points", Points, 0, Limits.MaxBonusPoints).ThrowIfInvalid();
}
