using System.Text.Json.Serialization;

namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// One change to a coupon code's uses, as its journal stores it. Journal-only (never sent between silos), so it
/// carries no Orleans attributes; the type names are stable because the journal keeps them.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(CouponUsed), "used")]
[JsonDerivedType(typeof(CouponUseReleased), "released")]
public abstract record CouponEvent(string MemberId, string UseId, DateTimeOffset At);
