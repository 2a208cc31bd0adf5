using LoyaltyGrid.Domain.Insights;

namespace LoyaltyGrid.Domain.Tests.Insights;

public sealed class ProgramMetricsTests
{
    [Fact]
    public void Rates_are_worked_out_from_the_totals_and_are_zero_without_a_denominator()
    {
        // 2 active members (1 repeat), 4 purchases for 45.00, 450 points earned of which 80 redeemed.
        var march = ProgramMetrics.From(2, 1, 2, 1, 4, 4_500, 450, 80, 20);
        var quiet = ProgramMetrics.From(5, 0, 0, 0, 0, 0, 0, 0, 0);

        Assert.Equal((1_125.0, 0.5, 2.0, 80 / 450.0), (march.AverageOrderValueMinor, march.RepeatPurchaseRate, march.PurchaseFrequency, march.RedemptionRate));
        Assert.Equal((0.0, 0.0, 0.0, 0.0), (quiet.AverageOrderValueMinor, quiet.RepeatPurchaseRate, quiet.PurchaseFrequency, quiet.RedemptionRate));
    }
}
