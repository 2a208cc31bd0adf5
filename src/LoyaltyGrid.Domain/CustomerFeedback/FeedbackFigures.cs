namespace LoyaltyGrid.Domain.CustomerFeedback;

/// <summary>
/// Counts and scores of a set of feedback. <see cref="Nps"/> = % promoters (9-10) − % detractors (0-6) over the NPS
/// answers; <see cref="Csat"/> = % of CSAT answers that are 4-5. Both null without answers to compute them over.
/// </summary>
public sealed record FeedbackFigures(
    long Responses,
    long WithTransaction,
    long NpsAnswers,
    long Promoters,
    long Passives,
    long Detractors,
    double? Nps,
    long CsatAnswers,
    long CsatSatisfied,
    double? Csat)
{
    public static readonly FeedbackFigures None = Of([]);

    public static FeedbackFigures Of(IEnumerable<FeedbackCount> counts)
    {
        long responses = 0, withTransaction = 0, npsAnswers = 0, promoters = 0, detractors = 0, csatAnswers = 0, satisfied = 0;
        foreach (var c in counts)
        {
            responses += c.Responses;
            withTransaction += c.WithTransaction;
            npsAnswers += c.NpsAnswers;
            promoters += c.Promoters;
            detractors += c.Detractors;
            csatAnswers += c.CsatAnswers;
            satisfied += c.CsatSatisfied;
        }
        return new FeedbackFigures(responses, withTransaction, npsAnswers, promoters, npsAnswers - promoters - detractors, detractors,
            npsAnswers == 0 ? null : 100.0 * (promoters - detractors) / npsAnswers,
            csatAnswers, satisfied, csatAnswers == 0 ? null : 100.0 * satisfied / csatAnswers);
    }

    /// <summary>Feedback about a transaction per purchase; null without purchases.</summary>
    public double? ResponseRate(long purchases) => purchases == 0 ? null : (double)WithTransaction / purchases;
}
