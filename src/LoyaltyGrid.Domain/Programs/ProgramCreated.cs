namespace LoyaltyGrid.Domain.Programs;

public sealed record ProgramCreated(ProgramSettings Settings) : ProgramEvent;
