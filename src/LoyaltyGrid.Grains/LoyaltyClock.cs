namespace LoyaltyGrid.Grains;

/// <summary>
/// The clock loyalty rules run on (holds, pending points, expiry, tier reviews, coupon validity): a keyed
/// <see cref="TimeProvider"/>, so tests can move it months ahead without moving the clock Orleans itself runs on
/// (which would make silos look dead to each other).
/// </summary>
public static class LoyaltyClock
{
    public const string Key = "loyaltygrid-clock";
}
