namespace LoyaltyGrid.Domain.Programs;

/// <summary>What a program command decided: the event to make durable (null for a retry) and the event that answers.</summary>
public sealed record ProgramDecision(ProgramEvent? NewEvent, ProgramEvent Result);
