namespace LoyaltyGrid.Domain.Programs;

public sealed record TierUpserted(TierDefinition Tier) : ProgramEvent;
