using System.Globalization;
using LoyaltyGrid.Domain.Insights;

namespace LoyaltyGrid.Domain.Tests.Insights;

/// <summary>The CDNOW sample in Data/ (see its README): the raw purchases and the published calibration summaries.</summary>
internal static class Cdnow
{
    /// <summary>The last day of the published 39-week calibration period.</summary>
    public static readonly DateOnly CalibrationEnd = new(1997, 9, 30);

    public static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private static readonly Lazy<IReadOnlyList<CustomerPurchase>> LazyPurchases = new(LoadPurchases);
    private static readonly Lazy<IReadOnlyList<CustomerSummary>> LazyPublished = new(LoadPublished);
    private static readonly Lazy<CalibrationSummary> LazyCalibration =
        new(() => CalibrationSummary.From(Purchases, CalibrationEnd, Week));

    /// <summary>Every row of CDNOW_sample.txt, dollars as cents, customers by their sample id ("1" .. "2357").</summary>
    public static IReadOnlyList<CustomerPurchase> Purchases => LazyPurchases.Value;

    /// <summary>cdnow_customers_summary_with_transactions.csv, zbar as cents.</summary>
    public static IReadOnlyList<CustomerSummary> Published => LazyPublished.Value;

    /// <summary>The calibration summary built from <see cref="Purchases"/>.</summary>
    public static CalibrationSummary Calibration => LazyCalibration.Value;

    private static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Insights", "Data", file);

    private static IReadOnlyList<CustomerPurchase> LoadPurchases() =>
        File.ReadLines(PathOf("CDNOW_sample.txt"))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(fields => new CustomerPurchase(
                int.Parse(fields[1], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
                DateOnly.ParseExact(fields[2], "yyyyMMdd", CultureInfo.InvariantCulture),
                (long)(decimal.Parse(fields[4], CultureInfo.InvariantCulture) * 100)))
            .ToList();

    private static IReadOnlyList<CustomerSummary> LoadPublished() =>
        File.ReadLines(PathOf("cdnow_customers_summary_with_transactions.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .Select(f => new CustomerSummary(
                f[0],
                int.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture),
                double.Parse(f[4], CultureInfo.InvariantCulture) * 100))
            .ToList();
}
