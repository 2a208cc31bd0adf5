namespace LoyaltyGrid.Domain.Messaging;

/// <summary>
/// What the message gate reads of one member, kept by the messages projection (one row per member, fixed size): the
/// consented channels and reachable ones (as <see cref="MessageChannels"/> bits, no contact details), the time zone,
/// and the marketing messages of the member's current local day and week, for the caps. No history: a new day or week
/// starts the count again. No balance either: each member event carries the balance after it, so a purchase changes
/// the row only when it changes what the gate reads (its first message of a day, say), not with every point.
/// </summary>
public sealed record MessageRecipient(string ProgramId, string MemberId)
{
    /// <summary>Channels with a granted consent.</summary>
    public int Consented { get; init; }

    /// <summary>Channels the member can be reached on at all: email and SMS with an address on the profile, push with a consent.</summary>
    public int Reachable { get; init; }

    /// <summary>An IANA id from the profile; null: UTC.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The local day <see cref="DayCount"/> counts; null: none yet.</summary>
    public DateOnly? CapDay { get; init; }

    public int DayCount { get; init; }

    /// <summary>The Monday of the local week <see cref="WeekCount"/> counts.</summary>
    public DateOnly? CapWeek { get; init; }

    public int WeekCount { get; init; }

    /// <summary>The next check of expiring points, set when points are earned; null: none scheduled.</summary>
    public DateTimeOffset? ExpiryCheckAt { get; init; }
}
