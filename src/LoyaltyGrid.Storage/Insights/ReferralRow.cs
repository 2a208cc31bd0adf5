namespace LoyaltyGrid.Storage.Insights;

/// <summary>
/// One referral as ListReferrals per program shows it (Migrations/013_insights_referrals): its referrer, referee, code,
/// status and rejection (the API's numbers), the referrer's points, when it was made and settled (to the millisecond).
/// </summary>
public sealed record ReferralRow(
    string ProgramId,
    string ReferralId,
    string Code,
    string ReferrerMemberId,
    string RefereeMemberId,
    int Status,
    int? Rejection,
    long ReferrerPoints,
    DateTimeOffset ReferredAt,
    DateTimeOffset? SettledAt);
