namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// Points every member with a known birth date gets once a year, on the day or in the month of their birthday
/// (local to the program's <see cref="ProgramSettings.TimeZone"/>). Applied by each member as it falls due, like expiry.
/// </summary>
public sealed record BirthdayBonus(long Points, BirthdayWindow When);
