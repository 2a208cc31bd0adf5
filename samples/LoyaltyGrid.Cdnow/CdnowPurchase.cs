using System.Globalization;

namespace LoyaltyGrid.Cdnow;

/// <summary>One purchase occasion of the CDNOW log: a customer's rows of one day, summed (dollars as cents).</summary>
public sealed record CdnowPurchase(string CustomerId, DateOnly Day, long AmountMinor)
{
    /// <summary>
    /// Reads CDNOW_sample.txt (<c>master_id sample_id yyyymmdd cds dollars</c>, whitespace separated; see its README):
    /// customers by their sample id, several rows of one customer on one day merged into one occasion.
    /// </summary>
    public static IReadOnlyList<CdnowPurchase> Load(string path) =>
        File.ReadLines(path)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => (
                Customer: int.Parse(f[1], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
                Day: DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture),
                Cents: (long)(decimal.Parse(f[4], CultureInfo.InvariantCulture) * 100)))
            .GroupBy(r => (r.Customer, r.Day))
            .Select(g => new CdnowPurchase(g.Key.Customer, g.Key.Day, g.Sum(r => r.Cents)))
            .OrderBy(p => p.CustomerId, StringComparer.Ordinal).ThenBy(p => p.Day)
            .ToList();
}
