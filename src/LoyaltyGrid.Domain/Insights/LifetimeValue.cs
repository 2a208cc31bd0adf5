namespace LoyaltyGrid.Domain.Insights;

/// <summary>
/// Customer lifetime value from purchase days: fit BG/NBD and Gamma-Gamma to a calibration period, forecast a member.
/// Refusals are the API's: NOT_ENOUGH_DATA when the period's purchases cannot identify a model.
/// </summary>
public static class LifetimeValue
{
    public const string NotEnoughData = "NOT_ENOUGH_DATA";

    /// <summary>Fits both models to <paramref name="purchases"/> up to and including <paramref name="calibrationEnd"/>.</summary>
    public static LifetimeValueFit Fit(IEnumerable<CustomerPurchase> purchases, DateOnly calibrationEnd, TimeSpan unit)
    {
        var summary = CalibrationSummary.From(purchases, calibrationEnd, unit);
        if (summary.Customers.Count == 0)
        {
            throw Refused("nobody bought in the calibration period");
        }
        try
        {
            var bgNbd = BgNbdModel.Fit(summary.Customers);
            var gammaGamma = GammaGammaModel.Fit(summary.Customers);
            return new LifetimeValueFit(bgNbd, gammaGamma, summary.Customers.Count, gammaGamma.Customers);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            throw Refused(ex.Message);
        }
    }

    /// <summary>The forecast of a member summarised by <paramref name="summary"/>, <paramref name="horizon"/> time units ahead.</summary>
    public static MemberForecast Forecast(CustomerSummary summary, BgNbdModel bgNbd, GammaGammaModel? gammaGamma, double horizon)
    {
        var purchases = bgNbd.ExpectedPurchases(summary, horizon);
        double? averageSpend = gammaGamma is { Q: > 1 } spend ? spend.ExpectedAverageSpend(summary) : null;
        return new MemberForecast(summary, bgNbd.ProbabilityAlive(summary), purchases, averageSpend, averageSpend * purchases);
    }

    private static LoyaltyException Refused(string why) => new(LoyaltyError.Precondition(NotEnoughData,
        $"the purchases of the calibration period cannot be fitted: {why}"));
}
