using LoyaltyGrid.Domain.CustomerFeedback;

namespace LoyaltyGrid.Domain.Tests.CustomerFeedback;

/// <summary>NPS, CSAT, response rate and the trend, worked by hand on small sets.</summary>
public sealed class FeedbackFiguresTests
{
    private static readonly DateOnly Monday = new(2026, 3, 2);

    /// <summary>One row per answer, as the projection would count a day with just that feedback.</summary>
    private static FeedbackCount Answer(DateOnly day, int? nps, int? csat, bool withTransaction = true, bool incentivised = false,
        string store = "store-1", string terminal = "till-1") =>
        new(day, "merchant-1", store, terminal, incentivised, 1, withTransaction ? 1 : 0, nps is null ? 0 : 1,
            nps >= 9 ? 1 : 0, nps <= 6 ? 1 : 0, csat is null ? 0 : 1, csat >= 4 ? 1 : 0);

    [Fact]
    public void Five_promoters_two_passives_and_three_detractors_of_ten_answers_are_an_nps_of_20()
    {
        int[] scores = [10, 9, 9, 10, 9, 7, 8, 0, 5, 6];

        var figures = FeedbackFigures.Of(scores.Select(s => Answer(Monday, s, null)));

        // 50% promoters - 30% detractors = 20.
        Assert.Equal(new FeedbackFigures(10, 10, 10, 5, 2, 3, 20.0, 0, 0, null), figures);
    }

    [Fact]
    public void Csat_is_the_share_of_answers_of_4_or_5_and_nps_is_unset_without_nps_answers()
    {
        int[] scores = [5, 4, 4, 3, 1, 2, 5, 3];

        var figures = FeedbackFigures.Of(scores.Select(s => Answer(Monday, null, s)));

        // 4 of 8 answers are 4-5: 50%.
        Assert.Equal(new FeedbackFigures(8, 8, 0, 0, 0, 0, null, 8, 4, 50.0), figures);
    }

    [Fact]
    public void All_detractors_are_minus_100_and_all_promoters_plus_100()
    {
        Assert.Equal(-100.0, FeedbackFigures.Of([Answer(Monday, 0, null), Answer(Monday, 6, null)]).Nps);
        Assert.Equal(100.0, FeedbackFigures.Of([Answer(Monday, 9, null), Answer(Monday, 10, null)]).Nps);
    }

    [Fact]
    public void The_summary_splits_incentivised_answers_counts_the_response_rate_over_purchases_and_buckets_by_week()
    {
        var nextMonday = Monday.AddDays(7);
        FeedbackCount[] counts =
        [
            // Week 1: three answers, two about a transaction, one of them incentivised.
            Answer(Monday, 10, 5, incentivised: true),
            Answer(Monday.AddDays(6), 3, null),
            Answer(Monday.AddDays(2), null, 2, withTransaction: false, terminal: ""),
            // Week 2: one answer at another store.
            Answer(nextMonday.AddDays(1), 8, 4, store: "store-2"),
        ];
        PurchaseCount[] purchases =
        [
            new(Monday, "merchant-1", "store-1", 4),
            new(Monday.AddDays(3), "merchant-1", "store-1", 6),
            new(nextMonday, "merchant-1", "store-2", 5),
        ];

        var summary = FeedbackSummary.Of(counts, purchases, FeedbackBucket.Week);

        // NPS answers 10, 3, 8: one promoter, one passive, one detractor: 0. CSAT 5, 2, 4: two of three satisfied.
        Assert.Equal(new FeedbackFigures(4, 3, 3, 1, 1, 1, 0.0, 3, 2, 200.0 / 3), summary.Figures);
        Assert.Equal(new FeedbackFigures(1, 1, 1, 1, 0, 0, 100.0, 1, 1, 100.0), summary.Incentivised);
        Assert.Equal(3, summary.Unincentivised.Responses);
        // Three feedbacks about a transaction over 15 purchases.
        Assert.Equal((15L, 0.2), (summary.Purchases, summary.ResponseRate));
        Assert.Equal(
            [(Monday, 3L, 10L, (double?)0.2), (nextMonday, 1L, 5L, (double?)0.2)],
            summary.Trend.Select(t => (t.Start, t.Figures.Responses, t.Purchases, t.ResponseRate)));
        Assert.Equal(
            [("store-1", 3L, 10L, "=1,till-1=2"), ("store-2", 1L, 5L, "till-1=1")],
            summary.Stores.Select(s => (s.StoreId, s.Figures.Responses, s.Purchases,
                string.Join(",", s.Terminals.Select(t => $"{t.TerminalId}={t.Responses}")))));
    }

    [Fact]
    public void Months_start_on_the_first_and_weeks_on_monday()
    {
        Assert.Equal(new DateOnly(2026, 3, 1), FeedbackSummary.BucketOf(new DateOnly(2026, 3, 31), FeedbackBucket.Month));
        Assert.Equal(new DateOnly(2026, 3, 2), FeedbackSummary.BucketOf(new DateOnly(2026, 3, 8), FeedbackBucket.Week));
        Assert.Equal(new DateOnly(2026, 3, 9), FeedbackSummary.BucketOf(new DateOnly(2026, 3, 9), FeedbackBucket.Week));
    }

    [Fact]
    public void Without_purchases_there_is_no_response_rate()
    {
        var summary = FeedbackSummary.Of([Answer(Monday, 9, null)], [], FeedbackBucket.Month);

        Assert.Null(summary.ResponseRate);
        Assert.Null(Assert.Single(summary.Trend).ResponseRate);
    }
}
