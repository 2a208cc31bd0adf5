namespace LoyaltyGrid.Storage.Insights;

/// <summary>Feedback of one UTC day (by when it was recorded) at one terminal, incentivised (a reward paid) or not.</summary>
public sealed record FeedbackDayCounts(
    DateOnly Day,
    string MerchantId,
    string StoreId,
    string TerminalId,
    bool Incentivised,
    long Responses,
    long WithTransaction,
    long NpsAnswers,
    long Promoters,
    long Detractors,
    long CsatAnswers,
    long CsatSatisfied);
