namespace LoyaltyGrid.Domain.Programs;

public sealed record EventRuleEnded(string EventType, DateTimeOffset EndedAt) : ProgramEvent;
