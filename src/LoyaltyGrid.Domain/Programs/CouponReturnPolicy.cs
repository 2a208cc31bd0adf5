namespace LoyaltyGrid.Domain.Programs;

/// <summary>What a return does to a coupon used on the purchase.</summary>
public enum CouponReturnPolicy
{
    /// <summary>When the whole purchase comes back, the coupon use is given back (the code can be used again).</summary>
    RestoreOnFullReturn,

    /// <summary>A used coupon stays used.</summary>
    KeepUsed,
}
