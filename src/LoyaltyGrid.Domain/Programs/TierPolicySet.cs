namespace LoyaltyGrid.Domain.Programs;

public sealed record TierPolicySet(TierPolicy Policy) : ProgramEvent;
