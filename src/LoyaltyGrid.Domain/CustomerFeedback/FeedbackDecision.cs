namespace LoyaltyGrid.Domain.CustomerFeedback;

/// <summary>What a feedback does: a new event to append, or the sequence of the event that answered it before.</summary>
public sealed record FeedbackDecision(FeedbackSubmitted? NewEvent, long? ReplayOf);
