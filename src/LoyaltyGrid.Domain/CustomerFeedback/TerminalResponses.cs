namespace LoyaltyGrid.Domain.CustomerFeedback;

/// <summary>How many feedbacks one terminal took (<c>""</c>: feedback that named none).</summary>
public sealed record TerminalResponses(string TerminalId, long Responses);
