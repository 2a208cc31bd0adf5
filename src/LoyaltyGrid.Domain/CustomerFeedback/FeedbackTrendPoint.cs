namespace LoyaltyGrid.Domain.CustomerFeedback;

/// <summary>One bucket of a feedback trend, from its first day.</summary>
public sealed record FeedbackTrendPoint(DateOnly Start, FeedbackFigures Figures, long Purchases, double? ResponseRate);
