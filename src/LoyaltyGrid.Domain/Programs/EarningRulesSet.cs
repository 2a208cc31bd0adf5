namespace LoyaltyGrid.Domain.Programs;

public sealed record EarningRulesSet(EarningRules Rules) : ProgramEvent;
