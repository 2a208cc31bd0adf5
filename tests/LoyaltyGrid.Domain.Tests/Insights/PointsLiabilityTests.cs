using LoyaltyGrid.Domain.Insights;

namespace LoyaltyGrid.Domain.Tests.Insights;

public sealed class PointsLiabilityTests
{
    private static readonly DateOnly Jan = new(2026, 1, 1), Feb = new(2026, 2, 1), Mar = new(2026, 3, 1), Apr = new(2026, 4, 1);

    [Fact]
    public void Breakage_comes_from_the_closed_earning_cohorts_of_a_first_in_first_out_pool_as_worked_out_by_hand()
    {
        // (month, earned, redeemed, expired, reversed)
        var liability = PointsLiability.Compute(
        [
            (Jan, 1_000, 200, 0, 0),   // January's 1000 join the pool; 200 redeemed from them: 800 left
            (Feb, 500, 300, 0, 100),   // February's 500 join; 300 redeemed from January (500 left); 100 reversed from February (400 left)
            (Mar, 0, 100, 400, 0),     // 400 expire from January (100 left), then 100 redeemed from it: January closed, E 400 R 600
            (Apr, 600, 0, 200, 0),     // April's 600 join; 200 expire from February (200 left)
        ], valueMinorPerThousandPoints: 12_345, "EUR");

        // Outstanding 0 + 200 + 600 = 800 = 2100 earned − 600 redeemed − 600 expired − 100 reversed, worth ⌊800 × 12.345⌋ = 9876.
        // Breakage from the one closed cohort (January): 400 / (400 + 600) = 0.4. Expected redeemed ⌊800 × 600 / 1000⌋ = 480,
        // worth ⌊480 × 12.345⌋ = ⌊5925.6⌋ = 5925.
        IReadOnlyList<EarningCohort> none = [];
        Assert.Equal(new PointsLiability("EUR", 800, 12_345, 9_876, 400, 600, 0.4, 1, true, 480, 5_925, none), liability with { Cohorts = none });
        Assert.Equal(
        [
            new EarningCohort(Jan, 1_000, 600, 400, 0, 0, true),
            new EarningCohort(Feb, 500, 0, 200, 100, 200, false),
            new EarningCohort(Mar, 0, 0, 0, 0, 0, false),
            new EarningCohort(Apr, 600, 0, 0, 0, 600, false),
        ], liability.Cohorts);
    }

    [Fact]
    public void Without_a_closed_cohort_breakage_comes_from_every_outflow_so_far_and_without_any_it_is_none()
    {
        var open = PointsLiability.Compute([(Jan, 1_000, 300, 100, 0)], 1_000, "EUR");
        var quiet = PointsLiability.Compute([(Jan, 1_000, 0, 0, 0)], 1_000, "EUR");

        // 600 left; 100 / (100 + 300) = 0.25; expected redeemed ⌊600 × 300 / 400⌋ = 450.
        Assert.Equal((600L, 600L, 0.25, false, 450L, 450L), (open.OutstandingPoints, open.LiabilityMinor, open.BreakageRate,
            open.BreakageFromClosedCohorts, open.ExpectedRedeemedPoints, open.ExpectedLiabilityMinor));
        Assert.Equal((1_000L, 0.0, 1_000L), (quiet.OutstandingPoints, quiet.BreakageRate, quiet.ExpectedRedeemedPoints));
    }
}
