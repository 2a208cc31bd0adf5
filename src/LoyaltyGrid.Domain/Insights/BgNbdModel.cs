using MathNet.Numerics;

namespace LoyaltyGrid.Domain.Insights;

/// <summary>
/// The BG/NBD model of repeat purchasing (Fader, Hardie &amp; Lee, "Counting Your Customers the Easy Way", Marketing
/// Science 24(2), 2005): while alive, a customer buys as a Poisson process whose rate is gamma(r, alpha) across
/// customers; after each purchase the customer drops out with a probability that is beta(a, b) across customers.
/// Times are in the time unit of the summaries it was fitted to; every output is an estimate.
/// </summary>
/// <param name="R">Shape of the gamma distribution of purchase rates.</param>
/// <param name="Alpha">Scale of the gamma distribution of purchase rates, in the time unit.</param>
/// <param name="A">First shape of the beta distribution of drop-out probabilities.</param>
/// <param name="B">Second shape of the beta distribution of drop-out probabilities.</param>
public sealed record BgNbdModel(double R, double Alpha, double A, double B)
{
    /// <summary>Each parameter must be positive and finite.</summary>
    public double R { get; } = Positive(R, nameof(R));

    /// <inheritdoc cref="R"/>
    public double Alpha { get; } = Positive(Alpha, nameof(Alpha));

    /// <inheritdoc cref="R"/>
    public double A { get; } = Positive(A, nameof(A));

    /// <inheritdoc cref="R"/>
    public double B { get; } = Positive(B, nameof(B));

    /// <summary>Fits r, alpha, a and b by maximum likelihood to all <paramref name="customers"/>.</summary>
    /// <exception cref="ArgumentException">No customers.</exception>
    /// <exception cref="InvalidOperationException">
    /// The data do not identify the model: nobody bought again (so nothing tells how customers drop out), or the
    /// likelihood has no maximum at finite, positive parameters.
    /// </exception>
    public static ModelFit<BgNbdModel> Fit(IReadOnlyCollection<CustomerSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (customers.Count == 0)
        {
            throw new ArgumentException("A fit needs at least one customer.", nameof(customers));
        }

        if (customers.All(c => c.Frequency == 0))
        {
            throw new InvalidOperationException("The data do not identify the model: no customer made a repeat purchase.");
        }

        var likelihood = new SummedLikelihood(customers);
        // r = a = b = 1 is a neutral start; alpha is a time, so it starts at the mean age, which is right in any unit.
        var meanAge = Math.Max(customers.Average(c => c.Age), 1e-6);
        var (parameters, logLikelihood) = MaximumLikelihood.Maximise(likelihood.At, [1, meanAge, 1, 1]);
        return new ModelFit<BgNbdModel>(new BgNbdModel(parameters[0], parameters[1], parameters[2], parameters[3]), logLikelihood, customers.Count);
    }

    /// <summary>
    /// The log-likelihood of one customer's (x, t_x, T) (Fader, Hardie &amp; Lee 2005, equation 6), in the stable form
    /// ln A1 + ln A2 + ln(e^{ln A3} + [x &gt; 0] e^{ln A4}) with the two exponentials added by log-sum-exp.
    /// </summary>
    public double LogLikelihood(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        double x = customer.Frequency;
        var lnA1 = SpecialFunctions.GammaLn(R + x) - SpecialFunctions.GammaLn(R) + R * Math.Log(Alpha);
        var lnA2 = SpecialFunctions.BetaLn(A, B + x) - SpecialFunctions.BetaLn(A, B);
        var lnA3 = -(R + x) * Math.Log(Alpha + customer.Age);
        if (customer.Frequency == 0)
        {
            return lnA1 + lnA2 + lnA3;
        }

        var lnA4 = Math.Log(A) - Math.Log(B + x - 1) - (R + x) * Math.Log(Alpha + customer.Recency);
        var larger = Math.Max(lnA3, lnA4);
        return lnA1 + lnA2 + larger + Math.Log(Math.Exp(lnA3 - larger) + Math.Exp(lnA4 - larger));
    }

    /// <summary>The summed log-likelihood of <paramref name="customers"/>.</summary>
    public double LogLikelihood(IEnumerable<CustomerSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return customers.Sum(LogLikelihood);
    }

    /// <summary>
    /// The probability that the customer is still alive at the end of the calibration period, given (x, t_x, T):
    /// 1 / (1 + [x &gt; 0] · a / (b + x − 1) · ((alpha + T) / (alpha + t_x))^(r + x)). A customer without repeat
    /// purchases cannot have dropped out yet (the model lets customers drop out only right after a purchase), so 1.
    /// </summary>
    public double ProbabilityAlive(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return 1 / (1 + DeadToAliveOdds(customer));
    }

    /// <summary>
    /// The expected number of purchases in the next <paramref name="horizon"/> time units after the calibration end,
    /// given (x, t_x, T) (Fader, Hardie &amp; Lee 2005, equation 10).
    /// </summary>
    /// <remarks>
    /// Equation 10 holds ((alpha + T) / (alpha + T + t))^(r + x) · 2F1(r + x, b + x; a + b + x − 1; z) with
    /// z = t / (alpha + T + t). Euler's transformation turns it into (1 − z)^(a − 1) · 2F1(a + b − 1 − r, a − 1;
    /// a + b + x − 1; z), whose upper parameters no longer grow with x, so the series neither overflows nor loses
    /// digits for frequent buyers; and writing that 2F1 as 1 + (a − 1) H / (a + b + x − 1) removes the 0 / 0 of
    /// a = 1 and the 0 · ∞ of a + b + x = 1.
    /// </remarks>
    public double ExpectedPurchases(CustomerSummary customer, double horizon)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (!double.IsFinite(horizon) || horizon < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The horizon must be finite and non-negative.");
        }

        if (horizon == 0)
        {
            return 0;
        }

        double x = customer.Frequency;
        var z = horizon / (Alpha + customer.Age + horizon);
        var lnOneMinusZ = Math.Log(Alpha + customer.Age) - Math.Log(Alpha + customer.Age + horizon);
        var e = A - 1;
        var c = A + B + x - 1;
        var h = Hypergeometric.ScaledExcess(A + B - 1 - R, e, c, z);
        // c · (1 − (1 − z)^e · 2F1) / e with 2F1 = 1 + e·H / c, written so that it stays exact as e → 0 or c → 0.
        var power = Math.Exp(e * lnOneMinusZ);
        var numerator = -c * ExpMinusOneOver(e, lnOneMinusZ) - power * h;
        return numerator / (1 + DeadToAliveOdds(customer));
    }

    /// <summary>
    /// The summed <see cref="LogLikelihood(CustomerSummary)"/> of a fixed set of customers, arranged for the thousands
    /// of evaluations of a fit: customers with the same (x, t_x, T) are counted once with a weight, and the terms that
    /// depend only on x (the gamma and beta functions) are computed once per distinct x.
    /// </summary>
    private sealed class SummedLikelihood
    {
        private readonly (int X, (double Recency, double Age, int Count)[] Customers)[] byFrequency;

        public SummedLikelihood(IEnumerable<CustomerSummary> customers)
        {
            byFrequency = customers
                .GroupBy(c => c.Frequency)
                .Select(x => (x.Key, x
                    .GroupBy(c => (c.Recency, c.Age))
                    .Select(g => (g.Key.Recency, g.Key.Age, g.Count()))
                    .ToArray()))
                .ToArray();
        }

        public double At(double[] parameters)
        {
            var (r, alpha, a, b) = (parameters[0], parameters[1], parameters[2], parameters[3]);
            var common = -SpecialFunctions.GammaLn(r) + r * Math.Log(alpha) - SpecialFunctions.BetaLn(a, b);
            var lnA = Math.Log(a);
            var sum = 0.0;
            foreach (var (frequency, customers) in byFrequency)
            {
                double x = frequency;
                var lnA1A2 = common + SpecialFunctions.GammaLn(r + x) + SpecialFunctions.BetaLn(a, b + x);
                var lnA4Constant = frequency == 0 ? 0 : lnA - Math.Log(b + x - 1);
                foreach (var (recency, age, count) in customers)
                {
                    var lnA3 = -(r + x) * Math.Log(alpha + age);
                    var term = lnA3;
                    if (frequency > 0)
                    {
                        var lnA4 = lnA4Constant - (r + x) * Math.Log(alpha + recency);
                        var larger = Math.Max(lnA3, lnA4);
                        term = larger + Math.Log(Math.Exp(lnA3 - larger) + Math.Exp(lnA4 - larger));
                    }

                    sum += count * (lnA1A2 + term);
                }
            }

            return sum;
        }
    }

    private double DeadToAliveOdds(CustomerSummary customer)
    {
        if (customer.Frequency == 0)
        {
            return 0;
        }

        double x = customer.Frequency;
        return Math.Exp(Math.Log(A / (B + x - 1)) + (R + x) * (Math.Log(Alpha + customer.Age) - Math.Log(Alpha + customer.Recency)));
    }

    /// <summary>(e^{e·l} − 1) / e, and its limit l at e = 0.</summary>
    private static double ExpMinusOneOver(double e, double l)
    {
        var u = e * l;
        if (Math.Abs(u) < 1e-5)
        {
            return l * (1 + u / 2 + u * u / 6);
        }

        return (Math.Exp(u) - 1) / e;
    }

    private static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "BG/NBD parameters must be positive and finite.");
}
