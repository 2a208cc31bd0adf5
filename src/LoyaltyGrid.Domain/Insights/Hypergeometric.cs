namespace LoyaltyGrid.Domain.Insights;

/// <summary>
/// The pieces of the Gaussian hypergeometric function the BG/NBD forecast needs. MathNet.Numerics 5.0.0 has only
/// <c>SpecialFunctions.GeneralizedHypergeometric(double[], double[], int z)</c>, whose argument is an integer, so the
/// series for 0 &lt;= z &lt; 1 is summed here.
/// </summary>
internal static class Hypergeometric
{
    private const int MaximumTerms = 10_000_000;

    /// <summary>
    /// H = c · (2F1(a, e; c; z) − 1) / e, the series Σ_{n≥1} (a)_n (e+1)_{n−1} / ((c+1)_{n−1} n!) zⁿ, for
    /// 0 &lt;= z &lt; 1, e &gt; −1 and c &gt; −1. Unlike 2F1 itself it stays finite as e → 0 and as c → 0.
    /// </summary>
    public static double ScaledExcess(double a, double e, double c, double z)
    {
        if (!(z >= 0 && z < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "The series is summed for 0 <= z < 1.");
        }

        var term = a * z;
        var sum = term;
        for (var n = 1; n < MaximumTerms; n++)
        {
            var ratio = (a + n) * (e + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            sum += term;
            // The ratio of successive terms tends to z; once it is below 1, the tail is at most
            // |term| · q / (1 − q) with q the larger of |ratio| and z (whichever way the ratio approaches z).
            var bound = Math.Max(Math.Abs(ratio), z);
            if (term == 0 || (bound < 1 && Math.Abs(term) * bound / (1 - bound) <= 1e-17 * Math.Abs(sum)))
            {
                return sum;
            }
        }

        throw new InvalidOperationException($"The hypergeometric series did not converge for z = {z}.");
    }
}
