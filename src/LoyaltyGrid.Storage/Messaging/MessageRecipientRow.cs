namespace LoyaltyGrid.Storage.Messaging;

/// <summary>
/// One member's row of what the message gate reads (consented and reachable channels as bits, time zone, tracked
/// balance, the marketing messages of the current local day and week, the next expiry check). Fixed size: no history.
/// Days are day numbers (days since 0001-01-01, <see cref="DateOnly.DayNumber"/>).
/// </summary>
public sealed record MessageRecipientRow(
    string ProgramId,
    string MemberId,
    int Consented,
    int Reachable,
    string? TimeZone,
    long Available,
    long Pending,
    long Held,
    int? CapDay,
    int DayCount,
    int? CapWeek,
    int WeekCount,
    DateTimeOffset? ExpiryCheckAt);
