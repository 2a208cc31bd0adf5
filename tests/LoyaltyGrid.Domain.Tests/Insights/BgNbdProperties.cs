using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoyaltyGrid.Domain.Insights;

namespace LoyaltyGrid.Domain.Tests.Insights;

/// <summary>
/// Random BG/NBD parameters and customers, far beyond CDNOW's: P(alive) is a probability, forecasts are finite,
/// non-negative and grow with the horizon, and the transformed series agrees with equation 10 summed term by term.
/// </summary>
public sealed class BgNbdProperties
{
    private static readonly Gen<Case> Cases =
        from r in Between(0.05, 5)
        from alpha in Between(0.1, 50)
        from a in Between(0.05, 5)
        from b in Between(0.05, 10)
        from x in Gen.Frequency((3, Gen.Choose(0, 5)), (2, Gen.Choose(6, 60)), (1, Gen.Choose(61, 2000)))
        from age in Between(0, 100)
        from share in Between(0, 1)
        from horizon in Between(0, 200)
        from more in Between(0, 200)
        select new Case(new BgNbdModel(r, alpha, a, b), new CustomerSummary("c", x, x == 0 ? 0 : age * share, age), horizon, horizon + more);

    [Property(MaxTest = 500)]
    public Property Probability_alive_is_a_probability_and_forecasts_are_finite_non_negative_and_grow_with_the_horizon() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var alive = c.Model.ProbabilityAlive(c.Customer);
            var nearer = c.Model.ExpectedPurchases(c.Customer, c.Horizon);
            var further = c.Model.ExpectedPurchases(c.Customer, c.LongerHorizon);

            Assert.InRange(alive, 0, 1);
            Assert.True(double.IsFinite(nearer) && double.IsFinite(further), $"{c}: {nearer}, {further}");
            Assert.True(nearer >= -1e-12, $"{c}: {nearer}");
            Assert.True(further >= nearer - 1e-9 * Math.Max(1, nearer), $"{c}: {nearer} then {further}");
        });

    [Property(MaxTest = 500)]
    public Property Forecasts_agree_with_equation_10_summed_term_by_term() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var (model, customer) = (c.Model, c.Customer);
            double x = customer.Frequency;
            var z = c.LongerHorizon / (model.Alpha + customer.Age + c.LongerHorizon);
            // Where the direct form is itself accurate: no a near 1 (0 / 0), few purchases and z away from 1 (slow,
            // huge series), a horizon long enough that 1 − (…)·2F1 does not cancel, a positive lower parameter.
            if (Math.Abs(model.A - 1) < 0.05 || x > 20 || z > 0.9 || c.LongerHorizon < 1 || model.A + model.B + x - 1 < 0.1)
            {
                return;
            }

            var hypergeometric = DirectHypergeometric(model.R + x, model.B + x, model.A + model.B + x - 1, z);
            var power = Math.Pow((model.Alpha + customer.Age) / (model.Alpha + customer.Age + c.LongerHorizon), model.R + x);
            var odds = x == 0 ? 0 : model.A / (model.B + x - 1) * Math.Pow((model.Alpha + customer.Age) / (model.Alpha + customer.Recency), model.R + x);
            var expected = (model.A + model.B + x - 1) / (model.A - 1) * (1 - power * hypergeometric) / (1 + odds);

            Assert.Equal(expected, model.ExpectedPurchases(customer, c.LongerHorizon), Math.Abs(expected) * 1e-7 + 1e-12);
        });

    private static double DirectHypergeometric(double a, double b, double c, double z)
    {
        var term = 1.0;
        var sum = 1.0;
        for (var n = 0; n < 100_000 && Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
        }

        return sum;
    }

    private static Gen<double> Between(double low, double high) =>
        Gen.Choose(0, 1_000_000).Select(i => low + (high - low) * i / 1_000_000.0);

    private sealed record Case(BgNbdModel Model, CustomerSummary Customer, double Horizon, double LongerHorizon);
}
