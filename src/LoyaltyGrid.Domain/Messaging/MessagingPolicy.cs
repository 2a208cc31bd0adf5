namespace LoyaltyGrid.Domain.Messaging;

/// <summary>
/// A program's rules for member messages (Messages.SetMessagingPolicy; <c>ProgramRules.Messaging</c>). Quiet hours are
/// minutes of the member's local day, [start, end), wrapping past midnight when start &gt; end; start == end: none.
/// A cap of 0 is no cap. Caps and quiet hours apply to marketing messages only.
/// </summary>
public sealed record MessagingPolicy(
    int QuietHoursStartMinute = 0,
    int QuietHoursEndMinute = 0,
    int MaxPerDay = 0,
    int MaxPerWeek = 0,
    long RewardThresholdPoints = 0,
    int ExpiryWarningDays = 0)
{
    /// <summary>A program that never set a policy: no quiet hours, no caps, no reward or expiry messages.</summary>
    public static readonly MessagingPolicy Default = new();

    /// <summary>The most days before a tier review its warning may come.</summary>
    public const int MaxTierWarningDays = 90;

    /// <summary>
    /// <see cref="MessageKind.TierAtRisk"/> this many days before a member's tier review when, with nothing more bought,
    /// the member would lose its tier then (1-<see cref="MaxTierWarningDays"/>); 0: never. Left out of the stored JSON while 0.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public int TierWarningDays { get; init; }

    public bool HasQuietHours => QuietHoursStartMinute != QuietHoursEndMinute;

    /// <summary>Whether <paramref name="minuteOfDay"/> (local) is inside the quiet hours.</summary>
    public bool IsQuiet(int minuteOfDay) => HasQuietHours && (QuietHoursStartMinute < QuietHoursEndMinute
        ? minuteOfDay >= QuietHoursStartMinute && minuteOfDay < QuietHoursEndMinute
        : minuteOfDay >= QuietHoursStartMinute || minuteOfDay < QuietHoursEndMinute);
}
