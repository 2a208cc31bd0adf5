using MathNet.Numerics;

namespace LoyaltyGrid.Domain.Insights;

/// <summary>
/// The Gamma-Gamma model of spend per purchase (Fader &amp; Hardie, "The Gamma-Gamma Model of Monetary Value", 2013):
/// a customer's purchase amounts are gamma(p, nu) with nu gamma(q, gamma) across customers, independent of how often
/// the customer buys. Amounts are in minor units, so <see cref="Gamma"/> is too (100 times the published dollar figure
/// for a currency with cents); every output is an estimate.
/// </summary>
/// <param name="P">Shape of the gamma distribution of one customer's purchase amounts.</param>
/// <param name="Q">Shape of the gamma distribution of the amounts' scale across customers.</param>
/// <param name="Gamma">Scale of the gamma distribution of the amounts' scale across customers, in minor units.</param>
public sealed record GammaGammaModel(double P, double Q, double Gamma)
{
    /// <summary>Each parameter must be positive and finite.</summary>
    public double P { get; } = Positive(P, nameof(P));

    /// <inheritdoc cref="P"/>
    public double Q { get; } = Positive(Q, nameof(Q));

    /// <inheritdoc cref="P"/>
    public double Gamma { get; } = Positive(Gamma, nameof(Gamma));

    /// <summary>
    /// Whether a customer counts in the likelihood: the model describes repeat purchase amounts, so only customers
    /// with at least one repeat purchase and a positive mean repeat spend.
    /// </summary>
    public static bool Describes(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return customer.Frequency > 0 && customer.MeanRepeatSpendMinor > 0;
    }

    /// <summary>Fits p, q and gamma by maximum likelihood to the customers that <see cref="Describes"/>.</summary>
    /// <exception cref="ArgumentException">No customer has a repeat purchase with a positive amount.</exception>
    /// <exception cref="InvalidOperationException">
    /// The data do not identify the model (the likelihood has no maximum at finite, positive parameters), as when
    /// every customer's mean spend is the same.
    /// </exception>
    public static ModelFit<GammaGammaModel> Fit(IReadOnlyCollection<CustomerSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var described = customers.Where(Describes).ToArray();
        if (described.Length == 0)
        {
            throw new ArgumentException("A Gamma-Gamma fit needs customers with repeat purchases of a positive amount.", nameof(customers));
        }

        // p = 1, q = 2 and gamma = the mean spend start where the model's mean spend p·gamma / (q − 1) is the data's.
        var meanSpend = described.Average(c => c.MeanRepeatSpendMinor);
        var (parameters, logLikelihood) = MaximumLikelihood.Maximise(new SummedLikelihood(described).At, [1, 2, meanSpend]);
        return new ModelFit<GammaGammaModel>(new GammaGammaModel(parameters[0], parameters[1], parameters[2]), logLikelihood, described.Length);
    }

    /// <summary>
    /// The log-density of one customer's mean repeat spend zbar given x (Fader &amp; Hardie 2013, equation 3):
    /// ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln γ + (px − 1) ln zbar + px ln x − (px + q) ln(γ + x zbar).
    /// </summary>
    /// <remarks>
    /// A density of an amount in minor units: in major units it is higher by ln(minor units per major unit) per
    /// customer (ln 100 for cents), so compare log-likelihoods only between fits in the same unit.
    /// </remarks>
    /// <exception cref="ArgumentException">The customer is not one the model <see cref="Describes"/>.</exception>
    public double LogLikelihood(CustomerSummary customer)
    {
        if (!Describes(customer))
        {
            throw new ArgumentException("The Gamma-Gamma likelihood is defined for customers with repeat purchases of a positive amount.", nameof(customer));
        }

        double x = customer.Frequency;
        var zbar = customer.MeanRepeatSpendMinor;
        var px = P * x;
        return SpecialFunctions.GammaLn(px + Q) - SpecialFunctions.GammaLn(px) - SpecialFunctions.GammaLn(Q)
            + Q * Math.Log(Gamma) + (px - 1) * Math.Log(zbar) + px * Math.Log(x) - (px + Q) * Math.Log(Gamma + x * zbar);
    }

    /// <summary>The summed log-likelihood of the <paramref name="customers"/> that the model <see cref="Describes"/>.</summary>
    public double LogLikelihood(IEnumerable<CustomerSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return customers.Where(Describes).Sum(LogLikelihood);
    }

    /// <summary>
    /// The expected mean spend per purchase of this customer's future purchases, in minor units (Fader &amp; Hardie 2013,
    /// equation 5): a weighted average of the population mean p·γ / (q − 1) and the customer's own zbar, with weight
    /// px / (px + q − 1) on zbar. A customer without repeat purchases gets the population mean.
    /// </summary>
    /// <exception cref="InvalidOperationException">q &lt;= 1: the model's mean spend is infinite.</exception>
    public double ExpectedAverageSpend(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (Q <= 1)
        {
            throw new InvalidOperationException($"With q = {Q} <= 1 the Gamma-Gamma mean spend is infinite.");
        }

        var populationMean = P * Gamma / (Q - 1);
        if (!Describes(customer))
        {
            return populationMean;
        }

        var px = P * customer.Frequency;
        var weight = px / (px + Q - 1);
        return (1 - weight) * populationMean + weight * customer.MeanRepeatSpendMinor;
    }

    /// <summary>
    /// The summed <see cref="LogLikelihood(CustomerSummary)"/> of a fixed set of described customers, arranged for the
    /// evaluations of a fit: the gamma functions, which depend only on x, are computed once per distinct x, and the
    /// logarithms of the data once.
    /// </summary>
    private sealed class SummedLikelihood
    {
        private readonly (int X, (double MeanSpend, double LnMeanSpend)[] Customers)[] byFrequency;

        public SummedLikelihood(IEnumerable<CustomerSummary> described)
        {
            byFrequency = described
                .GroupBy(c => c.Frequency)
                .Select(x => (x.Key, x.Select(c => (c.MeanRepeatSpendMinor, Math.Log(c.MeanRepeatSpendMinor))).ToArray()))
                .ToArray();
        }

        public double At(double[] parameters)
        {
            var (p, q, gamma) = (parameters[0], parameters[1], parameters[2]);
            var common = -SpecialFunctions.GammaLn(q) + q * Math.Log(gamma);
            var sum = 0.0;
            foreach (var (frequency, customers) in byFrequency)
            {
                double x = frequency;
                var px = p * x;
                var perCustomer = common + SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) + px * Math.Log(x);
                foreach (var (zbar, lnZbar) in customers)
                {
                    sum += perCustomer + (px - 1) * lnZbar - (px + q) * Math.Log(gamma + x * zbar);
                }
            }

            return sum;
        }
    }

    private static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "Gamma-Gamma parameters must be positive and finite.");
}
