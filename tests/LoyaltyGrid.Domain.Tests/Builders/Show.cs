using System.Globalization;
using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain.Tests.Builders;

/// <summary>
/// One-line renderings of what a purchase or return records, joined with "; ", so a test asserts on every component, discount and
/// card in one comparison (the descriptions, for people, are left out).
/// </summary>
public static class Show
{
    /// <summary>"rule=points [line shares]" for proportional components, "rule=points kept>=minor" for fixed bonuses.</summary>
    public static string Components(IEnumerable<PointsComponent> components) => Join(
        components.Select(c => $"{c.Rule}={c.Points}"
            + (c.LinePoints.Count > 0 ? $" [{string.Join(",", c.LinePoints)}]" : "")
            + (c.MinKeptMinor > 0 ? $" kept>={c.MinKeptMinor}" : "")));

    /// <summary>"promotion[/coupon] sku xQuantity -amount".</summary>
    public static string Discounts(IEnumerable<DiscountLine> discounts) => Join(
        discounts.Select(d => $"{d.PromotionId}{(d.CouponCode is null ? "" : "/" + d.CouponCode)} {d.Sku} x{d.Quantity} -{d.AmountMinor}"));

    /// <summary>"promotion before->after/required free n".</summary>
    public static string Cards(IEnumerable<PunchCardChange> cards) => Join(
        cards.Select(c => $"{c.PromotionId} {c.Before}->{c.After}/{c.Required} free {c.FreeItems}"));

    /// <summary>"code accepted -discount +points" or "code REASON".</summary>
    public static string Coupons(IEnumerable<CouponOutcome> coupons) => Join(
        coupons.Select(c => c.Accepted ? $"{c.Code} accepted -{c.DiscountMinor} +{c.BonusPoints}" : $"{c.Code} {c.Reason}"));

    /// <summary>Amounts per line: "5000,1000".</summary>
    public static string Amounts(IEnumerable<long> amounts) => string.Join(",", amounts);

    private static string Join(IEnumerable<string> parts) => string.Join("; ", parts);

    public static string Day(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
