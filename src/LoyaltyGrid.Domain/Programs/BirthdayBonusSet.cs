namespace LoyaltyGrid.Domain.Programs;

/// <summary>The program's birthday bonus changed; 0 points: it is off.</summary>
public sealed record BirthdayBonusSet(BirthdayBonus Bonus) : ProgramEvent;
