namespace LoyaltyGrid.Domain.Tests.Builders;

/// <summary>A fixed, readable "now" so expiries and offline windows are plain arithmetic in the tests.</summary>
public static class TestClock
{
    public static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
}
