using System.Globalization;
using LoyaltyGrid.Domain.Insights;

namespace LoyaltyGrid.Domain.Tests.Insights;

public sealed class CalibrationSummaryTests
{
    private static readonly DateOnly End = new(2024, 3, 31);

    [Fact]
    public void Cdnow_raw_purchases_summarise_to_the_published_39_week_calibration_summary()
    {
        var published = Cdnow.Published.ToDictionary(c => c.CustomerId);
        var plain = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Insights", "Data", "cdnow_customers_summary.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .ToDictionary(f => f[0]);

        var built = Cdnow.Calibration.Customers;

        Assert.Equal(2357, built.Count);
        Assert.Equal(published.Keys.Order(StringComparer.Ordinal), built.Select(c => c.CustomerId));
        foreach (var customer in built)
        {
            var expected = published[customer.CustomerId];
            // The published files round to two decimals; frequency is exact.
            Assert.Equal(expected.Frequency, customer.Frequency);
            Assert.Equal(expected.Recency, Math.Round(customer.Recency, 2));
            Assert.Equal(expected.Age, Math.Round(customer.Age, 2));
            // zbar is rounded half up from an exact cent mean (22.345 is published as 22.35), so compare to half a cent.
            Assert.InRange(customer.MeanRepeatSpendMinor - expected.MeanRepeatSpendMinor, -0.5 - 1e-9, 0.5 + 1e-9);
            var row = plain[customer.CustomerId];
            Assert.Equal(int.Parse(row[1], CultureInfo.InvariantCulture), customer.Frequency);
            Assert.Equal(double.Parse(row[2], CultureInfo.InvariantCulture), Math.Round(customer.Recency, 2));
            Assert.Equal(double.Parse(row[3], CultureInfo.InvariantCulture), Math.Round(customer.Age, 2));
        }
    }

    [Fact]
    public void Cdnow_customer_1_has_two_repeat_occasions_and_age_counted_to_the_calibration_end_day()
    {
        // Bought 1997-01-01, 01-18, 08-02 and 12-12: the last is after the calibration end.
        var customer = Cdnow.Calibration.Customers.Single(c => c.CustomerId == "1");

        Assert.Equal(2, customer.Frequency);
        Assert.Equal(213 / 7.0, customer.Recency, 12);
        Assert.Equal(272 / 7.0, customer.Age, 12);
        Assert.Equal((2973 + 1496) / 2.0, customer.MeanRepeatSpendMinor, 12);
    }

    [Fact]
    public void Several_rows_on_one_day_are_one_occasion_whose_amount_is_their_sum()
    {
        var summary = CalibrationSummary.From(
            [
                Purchase("m", 2024, 1, 1, 500),
                Purchase("m", 2024, 1, 1, 700),
                Purchase("m", 2024, 1, 8, 300),
                Purchase("m", 2024, 1, 8, 100),
                Purchase("m", 2024, 1, 15, 1000),
            ],
            End,
            TimeSpan.FromDays(1));

        var customer = Assert.Single(summary.Customers);
        Assert.Equal(new CustomerSummary("m", frequency: 2, recency: 14, age: 90, meanRepeatSpendMinor: 700), customer);
    }

    [Fact]
    public void A_purchase_on_the_calibration_end_day_counts_and_later_ones_do_not()
    {
        var summary = CalibrationSummary.From(
            [
                Purchase("m", 2024, 3, 3, 100),
                Purchase("m", 2024, 3, 31, 200),
                Purchase("m", 2024, 4, 1, 400),
                Purchase("late", 2024, 4, 2, 400),
            ],
            End,
            TimeSpan.FromDays(7));

        var customer = Assert.Single(summary.Customers);
        Assert.Equal(new CustomerSummary("m", frequency: 1, recency: 4, age: 4, meanRepeatSpendMinor: 200), customer);
    }

    [Fact]
    public void A_customer_with_one_occasion_has_no_frequency_recency_or_repeat_spend()
    {
        var summary = CalibrationSummary.From(
            [Purchase("b", 2024, 3, 24, 900), Purchase("a", 2024, 3, 17, 100), Purchase("a", 2024, 3, 17, 50)],
            End,
            TimeSpan.FromDays(7));

        Assert.Equal(
            [new CustomerSummary("a", 0, 0, 2), new CustomerSummary("b", 0, 0, 1)],
            summary.Customers);
    }

    [Fact]
    public void A_unit_that_is_not_a_whole_number_of_days_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CalibrationSummary.From([], End, TimeSpan.FromHours(12)));
    }

    private static CustomerPurchase Purchase(string customer, int year, int month, int day, long amountMinor) =>
        new(customer, new DateOnly(year, month, day), amountMinor);
}
