namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// A program's referral rules: what the referrer and the referee get (either or both) once the referee's first
/// qualifying purchase (qualifying spend of at least <see cref="MinPurchaseMinor"/>) can no longer be returned; at most
/// <see cref="MaxPerPeriod"/> accepted referrals per referrer in any <see cref="PeriodDays"/> days (0: no cap); a
/// member's code is valid <see cref="CodeValidDays"/> days from issue (0: it never expires).
/// </summary>
public sealed record ReferralRules(long ReferrerPoints, long RefereePoints, long MinPurchaseMinor, int MaxPerPeriod, int PeriodDays, int CodeValidDays);
