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

    public bool HasQuietHours => QuietHoursStartMinute != QuietHoursEndMinute;

    /// <summary>Whether <paramref name="minuteOfDay"/> (local) is inside the quiet hours.</summary>
    public bool IsQuiet(int minuteOfDay) => HasQuietHours && (QuietHoursStartMinute < QuietHoursEndMinute
        ? minuteOfDay >= QuietHoursStartMinute && minuteOfDay < QuietHoursEndMinute
        : minuteOfDay >= QuietHoursStartMinute || minuteOfDay < QuietHoursEndMinute);
}
