namespace LoyaltyGrid.Domain.CustomerFeedback;

/// <summary>
/// A program's (or merchant's, or store's) feedback over a period, from the projection's daily counts. Every answer
/// counts in <see cref="Figures"/>; <see cref="Incentivised"/> and <see cref="Unincentivised"/> split them by whether a
/// completion reward was paid, so the reward's effect on the scores can be seen. The response rate is feedback about a
/// transaction over purchases: both counted by UTC day, feedback by when it was recorded, purchases by when they happened.
/// </summary>
public sealed record FeedbackSummary(
    FeedbackFigures Figures,
    FeedbackFigures Incentivised,
    FeedbackFigures Unincentivised,
    long Purchases,
    double? ResponseRate,
    IReadOnlyList<FeedbackTrendPoint> Trend,
    IReadOnlyList<StoreFeedbackFigures> Stores)
{
    public static FeedbackSummary Of(IReadOnlyList<FeedbackCount> counts, IReadOnlyList<PurchaseCount> purchases, FeedbackBucket bucket)
    {
        var figures = FeedbackFigures.Of(counts);
        var purchased = purchases.Sum(p => p.Purchases);
        var trend = counts.Select(c => BucketOf(c.Day, bucket)).Concat(purchases.Select(p => BucketOf(p.Day, bucket)))
            .Distinct().Order()
            .Select(start =>
            {
                var inBucket = FeedbackFigures.Of(counts.Where(c => BucketOf(c.Day, bucket) == start));
                var bought = purchases.Where(p => BucketOf(p.Day, bucket) == start).Sum(p => p.Purchases);
                return new FeedbackTrendPoint(start, inBucket, bought, inBucket.ResponseRate(bought));
            })
            .ToArray();
        var stores = counts.Select(c => (c.MerchantId, c.StoreId)).Concat(purchases.Select(p => (p.MerchantId, p.StoreId)))
            .Distinct().OrderBy(s => s.MerchantId, StringComparer.Ordinal).ThenBy(s => s.StoreId, StringComparer.Ordinal)
            .Select(s =>
            {
                var here = counts.Where(c => c.MerchantId == s.MerchantId && c.StoreId == s.StoreId).ToArray();
                var storeFigures = FeedbackFigures.Of(here);
                var bought = purchases.Where(p => p.MerchantId == s.MerchantId && p.StoreId == s.StoreId).Sum(p => p.Purchases);
                var terminals = here.GroupBy(c => c.TerminalId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new TerminalResponses(g.Key, g.Sum(c => c.Responses))).ToArray();
                return new StoreFeedbackFigures(s.MerchantId, s.StoreId, storeFigures, bought, storeFigures.ResponseRate(bought), terminals);
            })
            .ToArray();
        return new FeedbackSummary(figures, FeedbackFigures.Of(counts.Where(c => c.Incentivised)),
            FeedbackFigures.Of(counts.Where(c => !c.Incentivised)), purchased, figures.ResponseRate(purchased), trend, stores);
    }

    /// <summary>The first day of <paramref name="day"/>'s bucket: its ISO week's Monday, or its month's first day.</summary>
    public static DateOnly BucketOf(DateOnly day, FeedbackBucket bucket) => bucket == FeedbackBucket.Month
        ? new DateOnly(day.Year, day.Month, 1)
        : day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
