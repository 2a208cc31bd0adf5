namespace LoyaltyGrid.Domain.CustomerFeedback;

/// <summary>
/// Feedback of one UTC day at one terminal (<c>""</c>: none named), incentivised or not, as the insights projection
/// counts it: how many, how many about a transaction, and the NPS and CSAT answers by class.
/// </summary>
public sealed record FeedbackCount(
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
