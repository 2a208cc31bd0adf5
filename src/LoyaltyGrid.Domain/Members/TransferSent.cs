namespace LoyaltyGrid.Domain.Members;

/// <summary>Points a member sent at a time, kept for a day for the program's daily transfer limit.</summary>
public sealed record TransferSent(DateTimeOffset SentAt, long Points);
