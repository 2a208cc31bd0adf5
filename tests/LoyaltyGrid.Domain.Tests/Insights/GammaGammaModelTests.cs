using LoyaltyGrid.Domain.Insights;
using Xunit.Abstractions;

namespace LoyaltyGrid.Domain.Tests.Insights;

public sealed class GammaGammaModelTests(ITestOutputHelper output)
{
    // Fader & Hardie (2013) on CDNOW's 946 repeat buyers, dollars: p = 6.25, q = 3.74, gamma = 15.44. The model works
    // in minor units, so gamma is in cents.
    private static readonly GammaGammaModel Published = new(P: 6.25, Q: 3.74, Gamma: 1544);

    [Fact]
    public void Fitting_the_published_cdnow_summary_reproduces_the_published_parameters()
    {
        var fit = FittedToPublishedSummary.Value;
        output.WriteLine($"gammagamma p={fit.Model.P:R} q={fit.Model.Q:R} gamma={fit.Model.Gamma / 100:R} ll={fit.LogLikelihood:R}");

        AssertWithinOnePercent(Published, fit.Model);
        Assert.Equal(946, fit.Customers);
        Assert.Equal(fit.LogLikelihood, fit.Model.LogLikelihood(Cdnow.Published), 9);
    }

    [Fact]
    public void Fitting_the_summary_built_from_raw_cdnow_purchases_reproduces_the_published_parameters()
    {
        var fit = GammaGammaModel.Fit(Cdnow.Calibration.Customers);
        output.WriteLine($"gammagamma p={fit.Model.P:R} q={fit.Model.Q:R} gamma={fit.Model.Gamma / 100:R} ll={fit.LogLikelihood:R}");

        AssertWithinOnePercent(Published, fit.Model);
        Assert.Equal(946, fit.Customers);
    }

    [Fact]
    public void Gamma_scales_with_the_money_unit_and_the_shapes_do_not()
    {
        var inDollars = Cdnow.Published
            .Select(c => new CustomerSummary(c.CustomerId, c.Frequency, c.Recency, c.Age, c.MeanRepeatSpendMinor / 100))
            .ToArray();

        var cents = FittedToPublishedSummary.Value.Model;
        var dollars = GammaGammaModel.Fit(inDollars).Model;

        Assert.Equal(cents.P, dollars.P, cents.P * 1e-4);
        Assert.Equal(cents.Q, dollars.Q, cents.Q * 1e-4);
        Assert.Equal(cents.Gamma / 100, dollars.Gamma, cents.Gamma / 100 * 1e-4);
    }

    [Fact]
    public void Expected_average_spend_shrinks_a_customers_mean_towards_the_population_mean()
    {
        var populationMean = 6.25 * 1544 / (3.74 - 1);
        var big = new CustomerSummary("big", 2, 30, 38.86, meanRepeatSpendMinor: 10_000);
        var bigAndFrequent = new CustomerSummary("frequent", 20, 30, 38.86, meanRepeatSpendMinor: 10_000);
        var noRepeat = new CustomerSummary("none", 0, 0, 38.86);

        // Weight on the customer's own mean: px / (px + q - 1).
        var weight = 12.5 / (12.5 + 2.74);
        Assert.Equal((1 - weight) * populationMean + weight * 10_000, Published.ExpectedAverageSpend(big), 1e-9);
        Assert.InRange(Published.ExpectedAverageSpend(big), populationMean, 10_000);
        Assert.InRange(Published.ExpectedAverageSpend(bigAndFrequent), Published.ExpectedAverageSpend(big), 10_000);
        Assert.Equal(populationMean, Published.ExpectedAverageSpend(noRepeat), 1e-9);
    }

    [Fact]
    public void Cdnow_customer_1_expects_the_spend_lifetimes_computes()
    {
        // x = 2, zbar = $22.35: (1 - w) · p·gamma/(q - 1) + w · zbar with w = 2p / (2p + q - 1), about $24.66.
        var customer = Cdnow.Published.Single(c => c.CustomerId == "1");

        Assert.Equal(2466, Published.ExpectedAverageSpend(customer), 1.0);
    }

    [Fact]
    public void Customers_without_repeat_purchases_do_not_count_in_the_likelihood()
    {
        var repeat = new CustomerSummary("r", 3, 20, 38.86, 2500);
        var once = new CustomerSummary("o", 0, 0, 38.86);

        Assert.False(GammaGammaModel.Describes(once));
        Assert.Equal(Published.LogLikelihood(repeat), Published.LogLikelihood([repeat, once]));
        Assert.Throws<ArgumentException>(() => Published.LogLikelihood(once));
        Assert.Throws<ArgumentException>(() => GammaGammaModel.Fit([once]));
    }

    [Fact]
    public void Repeat_buyers_who_all_spend_the_same_cannot_be_fitted()
    {
        // Identical means leave no spread to estimate: the likelihood rises without bound as p and q grow.
        var customers = Enumerable.Range(1, 50).Select(i => new CustomerSummary($"c{i}", 1 + i % 5, 10, 20, 2500)).ToArray();

        Assert.Throws<InvalidOperationException>(() => GammaGammaModel.Fit(customers));
    }

    [Fact]
    public void A_model_whose_mean_spend_is_infinite_refuses_to_predict()
    {
        var heavyTailed = new GammaGammaModel(6.25, 0.9, 1544);

        Assert.Throws<InvalidOperationException>(() => heavyTailed.ExpectedAverageSpend(new CustomerSummary("c", 0, 0, 1)));
    }

    private static readonly Lazy<ModelFit<GammaGammaModel>> FittedToPublishedSummary = new(() => GammaGammaModel.Fit(Cdnow.Published));

    private static void AssertWithinOnePercent(GammaGammaModel expected, GammaGammaModel actual)
    {
        Assert.Equal(expected.P, actual.P, expected.P * 0.01);
        Assert.Equal(expected.Q, actual.Q, expected.Q * 0.01);
        Assert.Equal(expected.Gamma, actual.Gamma, expected.Gamma * 0.01);
    }
}
