using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace LoyaltyGrid.Domain.Insights;

/// <summary>Maximum-likelihood search over positive parameters, shared by the lifetime-value models.</summary>
internal static class MaximumLikelihood
{
    private const double Tolerance = 1e-12;
    private const int MaximumIterations = 20_000;
    private const int MaximumRestarts = 8;

    // e^±50: a fitted parameter beyond this is the search drifting towards 0 or infinity, not an estimate.
    private const double MaximumLogParameter = 50;

    /// <summary>
    /// Maximises <paramref name="logLikelihood"/> over positive parameters, starting at <paramref name="start"/>.
    /// The search runs on the logarithms of the parameters, so every point it tries is valid; a non-finite
    /// log-likelihood (a point far from the data) counts as the worst possible. Nelder-Mead is restarted from its own
    /// result until it no longer improves, the usual remedy for a simplex that collapsed before reaching the optimum.
    /// </summary>
    public static (double[] Parameters, double LogLikelihood) Maximise(Func<double[], double> logLikelihood, double[] start)
    {
        double Negative(Vector<double> logParameters)
        {
            var value = logLikelihood(logParameters.Select(v => Math.Exp(v)).ToArray());
            return double.IsFinite(value) ? -value : double.MaxValue;
        }

        var objective = ObjectiveFunction.Value(Negative);
        var solver = new NelderMeadSimplex(Tolerance, MaximumIterations);
        var point = Vector<double>.Build.DenseOfEnumerable(start.Select(v => Math.Log(v)));
        var best = Negative(point);
        for (var restart = 0; restart < MaximumRestarts; restart++)
        {
            MinimizationResult result;
            try
            {
                result = solver.FindMinimum(objective, point, Vector<double>.Build.Dense(start.Length, 0.5));
            }
            catch (MaximumIterationsException)
            {
                throw Unidentified();
            }

            var value = result.FunctionInfoAtMinimum.Value;
            var improved = best - value > Tolerance * Math.Max(1, Math.Abs(value));
            if (value <= best)
            {
                point = result.MinimizingPoint;
                best = value;
            }

            if (!improved && restart > 0)
            {
                break;
            }
        }

        var parameters = point.Select(v => Math.Exp(v)).ToArray();
        if (best == double.MaxValue || parameters.Any(p => !double.IsNormal(p) || Math.Abs(Math.Log(p)) > MaximumLogParameter))
        {
            throw Unidentified();
        }

        return (parameters, -best);
    }

    // The likelihood of data that cannot identify the model (say, no customer ever bought again) keeps rising
    // towards a parameter of 0 or infinity; the search then drifts without converging, or ends out there.
    private static InvalidOperationException Unidentified() =>
        new("The data do not identify the model: the likelihood has no maximum at finite, positive parameters.");
}
