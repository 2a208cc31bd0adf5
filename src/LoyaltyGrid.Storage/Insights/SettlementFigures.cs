namespace LoyaltyGrid.Storage.Insights;

/// <summary>
/// One settlement party's figures summed over some member events, as the insights tables keep them: point counts, the
/// change in points members hold, and exact money values in thousandths of a minor unit (the domain's settlement
/// amounts, mapped field by field; referral fees in whole minor units, migration 014).
/// </summary>
public readonly record struct SettlementFigures(
    long Issued,
    long Reversed,
    long WrittenOff,
    long Redeemed,
    long Expired,
    long Reinstated,
    long Outstanding,
    Int128 IssueValue,
    Int128 CreditValue,
    Int128 ReimbursementValue,
    long ReferralFeesEarned = 0,
    long ReferralFeesOwed = 0,
    long ReferralsEarned = 0,
    long ReferralsOwed = 0)
{
    public static SettlementFigures operator +(SettlementFigures a, SettlementFigures b) => new(
        checked(a.Issued + b.Issued), checked(a.Reversed + b.Reversed), checked(a.WrittenOff + b.WrittenOff),
        checked(a.Redeemed + b.Redeemed), checked(a.Expired + b.Expired), checked(a.Reinstated + b.Reinstated),
        checked(a.Outstanding + b.Outstanding), a.IssueValue + b.IssueValue, a.CreditValue + b.CreditValue,
        a.ReimbursementValue + b.ReimbursementValue, checked(a.ReferralFeesEarned + b.ReferralFeesEarned),
        checked(a.ReferralFeesOwed + b.ReferralFeesOwed), checked(a.ReferralsEarned + b.ReferralsEarned), checked(a.ReferralsOwed + b.ReferralsOwed));
}
