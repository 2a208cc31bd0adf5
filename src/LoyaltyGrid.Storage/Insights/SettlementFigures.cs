namespace LoyaltyGrid.Storage.Insights;

/// <summary>
/// One settlement party's figures summed over some member events, as the insights tables keep them: point counts, the
/// change in points members hold, and exact money values in thousandths of a minor unit (the domain's settlement
/// amounts, mapped field by field).
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
    Int128 ReimbursementValue)
{
    public static SettlementFigures operator +(SettlementFigures a, SettlementFigures b) => new(
        checked(a.Issued + b.Issued), checked(a.Reversed + b.Reversed), checked(a.WrittenOff + b.WrittenOff),
        checked(a.Redeemed + b.Redeemed), checked(a.Expired + b.Expired), checked(a.Reinstated + b.Reinstated),
        checked(a.Outstanding + b.Outstanding), a.IssueValue + b.IssueValue, a.CreditValue + b.CreditValue,
        a.ReimbursementValue + b.ReimbursementValue);
}
