using System.Text.Json.Serialization;

namespace LoyaltyGrid.Domain.Programs;

/// <summary>What a promotion gives. One subtype per kind of offer.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(BonusMultiplierRule), "multiplier")]
[JsonDerivedType(typeof(SpendThresholdRule), "spend-threshold")]
[JsonDerivedType(typeof(FirstPurchaseRule), "first-purchase")]
[JsonDerivedType(typeof(PunchCardRule), "punch-card")]
[JsonDerivedType(typeof(BuyOneGetOneRule), "bogo")]
[JsonDerivedType(typeof(CouponRule), "coupon")]
[JsonDerivedType(typeof(RepeatPurchaseRule), "repeat-purchase")]
[JsonDerivedType(typeof(CumulativeSpendRule), "cumulative-spend")]
public abstract record PromotionRule;

/// <summary>Points on the lines in scope are multiplied: 200 = double points (the bonus is the extra 100%).</summary>
public sealed record BonusMultiplierRule(long MultiplierPercent, ItemScope Scope) : PromotionRule;

/// <summary>A purchase whose qualifying spend reaches <see cref="MinSpendMinor"/> earns <see cref="BonusPoints"/>.</summary>
public sealed record SpendThresholdRule(long MinSpendMinor, long BonusPoints) : PromotionRule;

/// <summary>A member's first purchase earns <see cref="BonusPoints"/>.</summary>
public sealed record FirstPurchaseRule(long BonusPoints) : PromotionRule;

/// <summary>Every <see cref="Required"/> qualifying items bought, the next qualifying item is free (a discount line).</summary>
public sealed record PunchCardRule(int Required, ItemScope Scope) : PromotionRule;

/// <summary>Of qualifying items, every second one (the cheaper of each pair) is <see cref="PercentOff"/> off; 100 = free.</summary>
public sealed record BuyOneGetOneRule(long PercentOff, ItemScope Scope) : PromotionRule;

/// <summary>
/// Applies only with one of the promotion's coupon codes: a fixed discount, a percentage off the basket,
/// or bonus points (exactly one of them is non-zero).
/// </summary>
public sealed record CouponRule(long DiscountMinor, long DiscountPercent, long BonusPoints) : PromotionRule;

/// <summary>The <see cref="Purchases"/>-th purchase within <see cref="WindowDays"/> days earns <see cref="BonusPoints"/>.</summary>
public sealed record RepeatPurchaseRule(int Purchases, int WindowDays, long BonusPoints) : PromotionRule;

/// <summary>The purchase that takes the member's total spend since the promotion started past <see cref="ThresholdMinor"/> earns <see cref="BonusPoints"/>.</summary>
public sealed record CumulativeSpendRule(long ThresholdMinor, long BonusPoints) : PromotionRule;
