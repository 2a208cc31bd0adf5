namespace LoyaltyGrid.Domain.Programs;

public sealed record ExpiryPolicySet(ExpiryPolicy Policy) : ProgramEvent;
