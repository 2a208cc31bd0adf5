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
[JsonDerivedType(typeof(FixedBonusRule), "earn-fixed-bonus")]
[JsonDerivedType(typeof(BounceBackRule), "earn-bounce-back")]
public abstract record PromotionRule;
