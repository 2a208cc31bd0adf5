using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Storage.Insights;

namespace LoyaltyGrid.Grains.Insights;

/// <summary>The domain's settlement amounts to the insights tables' figures and back, field by field.</summary>
public static class SettlementFiguresMapping
{
    public static SettlementFigures ToFigures(this SettlementAmounts a) => new(a.Issued, a.Reversed, a.WrittenOff, a.Redeemed,
        a.Expired, a.Reinstated, a.Outstanding, a.IssueValue, a.CreditValue, a.ReimbursementValue,
        a.ReferralFeesEarned, a.ReferralFeesOwed, a.ReferralsEarned, a.ReferralsOwed);

    public static SettlementAmounts ToAmounts(this SettlementFigures f) => new()
    {
        Issued = f.Issued,
        Reversed = f.Reversed,
        WrittenOff = f.WrittenOff,
        Redeemed = f.Redeemed,
        Expired = f.Expired,
        Reinstated = f.Reinstated,
        Outstanding = f.Outstanding,
        IssueValue = f.IssueValue,
        CreditValue = f.CreditValue,
        ReimbursementValue = f.ReimbursementValue,
        ReferralFeesEarned = f.ReferralFeesEarned,
        ReferralFeesOwed = f.ReferralFeesOwed,
        ReferralsEarned = f.ReferralsEarned,
        ReferralsOwed = f.ReferralsOwed,
    };

    /// <summary>Each party's sums, as the domain's report takes them.</summary>
    public static Dictionary<string, SettlementAmounts> ToAmounts(this IReadOnlyDictionary<string, SettlementFigures> sums) =>
        sums.ToDictionary(kv => kv.Key, kv => kv.Value.ToAmounts(), StringComparer.Ordinal);
}
