using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;
using Programs = LoyaltyGrid.Domain.Programs;
using Core = LoyaltyGrid.Domain.Referrals;
using Members = LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Storage.Insights;

namespace LoyaltyGrid.Api;

/// <summary>Referral messages to domain values and back; the status and rejection numbers are the domain's.</summary>
public static class ReferralsMapper
{
    public static ReferralRules ToProto(this Programs.ReferralRules r) => new()
    {
        ReferrerPoints = r.ReferrerPoints,
        RefereePoints = r.RefereePoints,
        MinPurchaseMinor = r.MinPurchaseMinor,
        MaxReferralsPerPeriod = r.MaxPerPeriod,
        PeriodDays = r.PeriodDays,
        CodeValidDays = r.CodeValidDays,
    };

    public static Programs.ReferralRules ToDomain(this ReferralRules r) =>
        new(r.ReferrerPoints, r.RefereePoints, r.MinPurchaseMinor == 0 ? 1 : r.MinPurchaseMinor, r.MaxReferralsPerPeriod, r.PeriodDays, r.CodeValidDays);

    public static Referral ToProto(this Core.ReferralSummary s) => new()
    {
        ReferralId = s.ReferralId,
        Code = s.Code,
        ReferrerMemberId = s.ReferrerMemberId,
        RefereeMemberId = s.RefereeMemberId,
        Status = (ReferralStatus)(int)s.Status,
        Rejection = (ReferralRejection)(int)(s.Rejection ?? 0),
        ReferrerPoints = s.ReferrerPoints,
        ReferredAt = Timestamp.FromDateTimeOffset(s.ReferredAt),
        SettledAt = s.SettledAt is { } settled ? Timestamp.FromDateTimeOffset(settled) : null,
    };

    /// <summary>A row of the program's referral table; its status and rejection are stored as the API's numbers.</summary>
    public static Referral ToProto(this ReferralRow r) => new()
    {
        ReferralId = r.ReferralId,
        Code = r.Code,
        ReferrerMemberId = r.ReferrerMemberId,
        RefereeMemberId = r.RefereeMemberId,
        Status = (ReferralStatus)r.Status,
        Rejection = (ReferralRejection)(r.Rejection ?? 0),
        ReferrerPoints = r.ReferrerPoints,
        ReferredAt = Timestamp.FromDateTimeOffset(r.ReferredAt),
        SettledAt = r.SettledAt is { } settled ? Timestamp.FromDateTimeOffset(settled) : null,
    };

    /// <summary>The referee's view of its referral right after enrolment: pending, or rejected with the reason.</summary>
    public static Referral ToProto(this Members.ReferredBy r, string refereeMemberId) => new()
    {
        ReferralId = r.ReferralId,
        Code = r.Code,
        ReferrerMemberId = r.ReferrerMemberId,
        RefereeMemberId = refereeMemberId,
        Status = r.Rejection is null ? ReferralStatus.Pending : ReferralStatus.Rejected,
        Rejection = (ReferralRejection)(int)(r.Rejection ?? 0),
        ReferredAt = Timestamp.FromDateTimeOffset(r.OccurredAt),
        SettledAt = r.Rejection is null ? null : Timestamp.FromDateTimeOffset(r.OccurredAt),
    };
}
