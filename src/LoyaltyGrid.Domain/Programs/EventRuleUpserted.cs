namespace LoyaltyGrid.Domain.Programs;

public sealed record EventRuleUpserted(EventRule Rule) : ProgramEvent;
