namespace LoyaltyGrid.Domain.Programs;

public sealed record EngagementBonusesSet(EngagementBonuses Bonuses) : ProgramEvent;
