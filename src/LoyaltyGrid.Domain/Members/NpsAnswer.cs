namespace LoyaltyGrid.Domain.Members;

/// <summary>The member's latest NPS answer: the feedback it came with, the score (0-10) and when it was given.</summary>
public sealed record NpsAnswer(string FeedbackId, int Score, DateTimeOffset AnsweredAt);
