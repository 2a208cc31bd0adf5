namespace LoyaltyGrid.Domain.CustomerFeedback;

/// <summary>How a feedback trend is cut: ISO weeks (from Monday) or calendar months, UTC.</summary>
public enum FeedbackBucket
{
    Week,
    Month,
}
