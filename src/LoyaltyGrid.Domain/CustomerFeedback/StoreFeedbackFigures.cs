namespace LoyaltyGrid.Domain.CustomerFeedback;

/// <summary>The staff view of one store: its feedback figures, purchases, response rate and feedback per terminal.</summary>
public sealed record StoreFeedbackFigures(
    string MerchantId,
    string StoreId,
    FeedbackFigures Figures,
    long Purchases,
    double? ResponseRate,
    IReadOnlyList<TerminalResponses> Terminals);
