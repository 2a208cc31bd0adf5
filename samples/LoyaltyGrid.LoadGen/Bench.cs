namespace LoyaltyGrid.LoadGen;

/// <summary>The fixed world every run shares: the program's settings, the member ids and a small product catalog.</summary>
internal static class Bench
{
    public const string Currency = "EUR";
    public const long PointsPerCurrencyUnit = 10;
    public const string MerchantId = "merchant-1";
    public const int Stores = 8;
    public const int CatalogSize = 1_000;

    private static readonly string[] s_skus = [.. Enumerable.Range(0, CatalogSize).Select(i => $"sku-{i:D4}")];
    private static readonly string[] s_categories = [.. Enumerable.Range(0, 10).Select(i => $"cat-{i}")];
    private static readonly string[] s_brands = [.. Enumerable.Range(0, 7).Select(i => $"brand-{i}")];

    /// <summary>m-000001 for <paramref name="number"/> 1.</summary>
    public static string MemberId(int number) => $"m-{number:D6}";

    public static string Sku(int item) => s_skus[item];

    public static string Category(int item) => s_categories[item % s_categories.Length];

    /// <summary>The brand label of an item with --rules: brand-0 to brand-6 (7, prime to the 10 categories, so brands cut across them).</summary>
    public static string Brand(int item) => s_brands[item % s_brands.Length];

    /// <summary>A stable price per item, 0.99 to 49.98 EUR, so the same sku always costs the same.</summary>
    public static long UnitPriceMinor(int item) => 99 + ((item * 37L) % 4_900);
}
