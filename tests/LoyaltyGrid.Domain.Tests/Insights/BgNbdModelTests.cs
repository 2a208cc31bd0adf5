using LoyaltyGrid.Domain.Insights;
using Xunit.Abstractions;

namespace LoyaltyGrid.Domain.Tests.Insights;

public sealed class BgNbdModelTests(ITestOutputHelper output)
{
    // Fader, Hardie & Lee (2005), fitted to the CDNOW 39-week calibration summary, weeks.
    private static readonly BgNbdModel Published = new(R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426);

    [Fact]
    public void Fitting_the_published_cdnow_summary_reproduces_the_published_parameters_and_log_likelihood()
    {
        var fit = FittedToPublishedSummary.Value;
        output.WriteLine($"bgnbd r={fit.Model.R:R} alpha={fit.Model.Alpha:R} a={fit.Model.A:R} b={fit.Model.B:R} ll={fit.LogLikelihood:R}");

        AssertWithinOnePercent(Published, fit.Model);
        Assert.Equal(2357, fit.Customers);
        Assert.Equal(-9582.4, fit.LogLikelihood, 0.05);
        Assert.Equal(fit.LogLikelihood, fit.Model.LogLikelihood(Cdnow.Published), 9);
    }

    [Fact]
    public void Fitting_the_summary_built_from_raw_cdnow_purchases_reproduces_the_published_parameters()
    {
        var fit = BgNbdModel.Fit(Cdnow.Calibration.Customers);
        output.WriteLine($"bgnbd r={fit.Model.R:R} alpha={fit.Model.Alpha:R} a={fit.Model.A:R} b={fit.Model.B:R} ll={fit.LogLikelihood:R}");

        AssertWithinOnePercent(Published, fit.Model);
        Assert.Equal(-9582.4, fit.LogLikelihood, 0.5);
    }

    [Fact]
    public void Fitting_in_days_instead_of_weeks_scales_alpha_by_seven_and_leaves_the_shapes()
    {
        var inDays = CalibrationSummary.From(Cdnow.Purchases, Cdnow.CalibrationEnd, TimeSpan.FromDays(1));
        var weeks = BgNbdModel.Fit(Cdnow.Calibration.Customers).Model;

        var days = BgNbdModel.Fit(inDays.Customers).Model;

        Assert.Equal(weeks.R, days.R, weeks.R * 1e-4);
        Assert.Equal(weeks.Alpha * 7, days.Alpha, weeks.Alpha * 7 * 1e-4);
        Assert.Equal(weeks.A, days.A, weeks.A * 1e-4);
        Assert.Equal(weeks.B, days.B, weeks.B * 1e-4);
    }

    [Fact]
    public void The_fit_is_at_least_as_likely_as_the_rounded_published_parameters_and_no_more_than_rounding_allows()
    {
        var atPublished = Published.LogLikelihood(Cdnow.Published);

        Assert.InRange(FittedToPublishedSummary.Value.LogLikelihood - atPublished, 0, 0.01);
    }

    [Fact]
    public void Customer_with_two_repeat_purchases_expects_the_purchases_of_hardies_spreadsheet_in_the_next_39_weeks()
    {
        // Hardie's BG/NBD spreadsheet (as checked by lifetimes): x = 2, t_x = 30.43, T = 38.86, t = 39 gives 1.226.
        var customer = new CustomerSummary("1", frequency: 2, recency: 30.43, age: 38.86);

        Assert.Equal(1.226, Published.ExpectedPurchases(customer, 39), 0.0005);
        // The same figures evaluated with mpmath's hyp2f1 at 30 digits, to the double precision of the series.
        Assert.Equal(1.2260281747671444, Published.ExpectedPurchases(customer, 39), 1e-12);
        Assert.Equal(0.72657857008067291, Published.ProbabilityAlive(customer), 1e-14);
    }

    [Theory]
    [InlineData(0.1429, 0.0078)]
    [InlineData(1.0, 0.0532)]
    [InlineData(3.0, 0.1506)]
    [InlineData(31.8571, 1.0405)]
    [InlineData(32.0, 1.0437)]
    [InlineData(78.0, 1.8576)]
    public void A_new_customer_expects_the_repeat_purchases_of_hardies_spreadsheet(double weeks, double expected)
    {
        // A customer just born (x = t_x = T = 0) has the model's unconditional expectation E[X(t)] (equation 9).
        // The spreadsheet evaluates it at the unrounded maximum-likelihood parameters (at the rounded published ones
        // E[X(32)] is 1.0452), so this uses the fitted model, to the three decimals lifetimes checks.
        var newborn = new CustomerSummary("new", 0, 0, 0);
        var fitted = FittedToPublishedSummary.Value.Model;

        Assert.Equal(expected, fitted.ExpectedPurchases(newborn, weeks), 0.0015);
    }

    [Theory]
    [InlineData(0, 0.0, 38.86, 39, 0.19509805201126264)]
    [InlineData(7, 29.43, 35.0, 39, 4.3692819485185954)]
    [InlineData(50, 30.0, 38.0, 52, 0.078571256829050208)]
    [InlineData(2, 30.43, 38.86, 1000, 10.120518988765318)]
    [InlineData(0, 0.0, 0.0, 32, 1.0452433283744438)]
    [InlineData(5000, 38.8, 38.86, 39, 2953.8090362840734)]
    public void Expected_purchases_match_equation_10_evaluated_at_high_precision(int x, double recency, double age, double weeks, double expected)
    {
        // Reference values: equation 10 with mpmath's hyp2f1 at 30 digits.
        var customer = new CustomerSummary("c", x, recency, age);

        Assert.Equal(expected, Published.ExpectedPurchases(customer, weeks), expected * 1e-11);
    }

    [Fact]
    public void Expected_purchases_stay_finite_when_a_is_one_and_for_a_very_frequent_buyer()
    {
        var atOne = new BgNbdModel(0.243, 4.414, 1.0, 2.426);
        var nearOne = new BgNbdModel(0.243, 4.414, 1.0 + 1e-9, 2.426);
        var customer = new CustomerSummary("c", 2, 30.43, 38.86);
        var heavy = new CustomerSummary("h", 100_000, 38.8, 38.86);

        Assert.Equal(nearOne.ExpectedPurchases(customer, 39), atOne.ExpectedPurchases(customer, 39), 1e-7);
        Assert.True(double.IsFinite(Published.ExpectedPurchases(heavy, 39)));
        Assert.True(Published.ExpectedPurchases(heavy, 39) > 0);
    }

    [Theory]
    [InlineData(10.0, 0.65880496095746501)]
    [InlineData(0.0, 2.7042105223387526)]
    public void Expected_purchases_stay_exact_when_a_plus_b_is_close_to_one(double age, double expected)
    {
        // With x = 0 the hypergeometric's lower parameter a + b + x − 1 is 1e-9 here; mpmath at 50 digits.
        var model = new BgNbdModel(0.5, 2, 0.3, 0.7 + 1e-9);

        Assert.Equal(expected, model.ExpectedPurchases(new CustomerSummary("c", 0, 0, age), 20), expected * 1e-7);
    }

    [Fact]
    public void Data_in_which_nobody_bought_again_cannot_be_fitted()
    {
        var customers = Enumerable.Range(0, 100).Select(i => new CustomerSummary($"c{i}", 0, 0, 10 + i % 30)).ToArray();

        Assert.Throws<InvalidOperationException>(() => BgNbdModel.Fit(customers));
    }

    [Fact]
    public void A_customer_without_repeat_purchases_is_alive_for_certain()
    {
        Assert.Equal(1.0, Published.ProbabilityAlive(new CustomerSummary("c", 0, 0, 38.86)));
    }

    [Fact]
    public void A_long_silence_after_frequent_buying_makes_a_customer_probably_gone()
    {
        var recent = new CustomerSummary("recent", 10, 38, 38.86);
        var silent = new CustomerSummary("silent", 10, 5, 38.86);

        Assert.True(Published.ProbabilityAlive(recent) > 0.9);
        Assert.True(Published.ProbabilityAlive(silent) < 0.01);
        Assert.True(Published.ExpectedPurchases(silent, 39) < Published.ExpectedPurchases(recent, 39));
    }

    [Fact]
    public void Expected_purchases_grow_with_frequency_at_the_same_recency_and_with_the_horizon()
    {
        var byFrequency = Enumerable.Range(0, 15)
            .Select(x => Published.ExpectedPurchases(new CustomerSummary("c", x, x == 0 ? 0 : 38.86, 38.86), 39))
            .ToArray();
        var byHorizon = new[] { 1.0, 13, 26, 39, 104, 520 }
            .Select(t => Published.ExpectedPurchases(new CustomerSummary("c", 3, 20, 38.86), t))
            .ToArray();

        Assert.Equal(byFrequency.Order(), byFrequency);
        Assert.Equal(byFrequency.Length, byFrequency.Distinct().Count());
        Assert.Equal(byHorizon.Order(), byHorizon);
        Assert.Equal(0, Published.ExpectedPurchases(new CustomerSummary("c", 3, 20, 38.86), 0));
    }

    [Fact]
    public void The_log_likelihood_of_customers_is_the_sum_of_theirs()
    {
        var customers = Cdnow.Published.Take(50).ToArray();

        Assert.Equal(customers.Sum(Published.LogLikelihood), Published.LogLikelihood(customers), 9);
        Assert.True(customers.All(c => Published.LogLikelihood(c) < 0));
    }

    [Fact]
    public void Parameters_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BgNbdModel(0, 1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BgNbdModel(1, double.NaN, 1, 1));
        Assert.Throws<ArgumentException>(() => BgNbdModel.Fit([]));
    }

    private static readonly Lazy<ModelFit<BgNbdModel>> FittedToPublishedSummary = new(() => BgNbdModel.Fit(Cdnow.Published));

    private static void AssertWithinOnePercent(BgNbdModel expected, BgNbdModel actual)
    {
        Assert.Equal(expected.R, actual.R, expected.R * 0.01);
        Assert.Equal(expected.Alpha, actual.Alpha, expected.Alpha * 0.01);
        Assert.Equal(expected.A, actual.A, expected.A * 0.01);
        Assert.Equal(expected.B, actual.B, expected.B * 0.01);
    }
}
