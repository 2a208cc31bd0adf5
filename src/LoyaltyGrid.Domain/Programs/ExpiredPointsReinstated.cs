namespace LoyaltyGrid.Domain.Programs;

public sealed record ExpiredPointsReinstated(Reinstatement Reinstatement) : ProgramEvent;
