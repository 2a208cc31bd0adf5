using LoyaltyGrid.Domain.Profiles;

namespace LoyaltyGrid.Domain.Messaging;

/// <summary>
/// Decides one drafted message for its recipient under the program's policy, at <c>now</c>. Transactional messages
/// (receipts of points) go to every channel the member is reachable on, uncapped and at any hour. Marketing messages
/// need a consented channel, wait for the end of the member's quiet hours (local time), and count against the
/// member's caps per local day and week; a capped or unconsented one is dropped with its reason. Pure: the caller
/// stores the recipient the verdict returns.
/// </summary>
public static class MessageGate
{
    /// <summary>An event older than this when first decided is not sent: a projection that starts over an old journal must not send its history.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(1);

    /// <param name="held">Whether the draft was held before: its staleness was judged then, and only the rest is decided again.</param>
    public static MessageVerdict Decide(MessageDraft draft, MessageRecipient recipient, MessagingPolicy policy, DateTimeOffset now, bool held = false)
    {
        if (!held && now - draft.OccurredAt > StaleAfter)
        {
            return Drop(MessageOutcome.DroppedStale, recipient);
        }
        if (draft.IsTransactional)
        {
            var reachable = MessageChannels.List(recipient.Reachable);
            return reachable.Count == 0
                ? Drop(MessageOutcome.DroppedNoChannel, recipient)
                : new MessageVerdict(MessageOutcome.Delivered, reachable, null, recipient);
        }
        var consented = MessageChannels.List(recipient.Consented);
        if (consented.Count == 0)
        {
            return Drop(MessageOutcome.DroppedNoConsent, recipient);
        }
        var zone = ZoneOf(recipient.TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        if (policy.IsQuiet(local.Hour * 60 + local.Minute))
        {
            return new MessageVerdict(MessageOutcome.Held, [], EndOfQuietHours(policy, local, zone), recipient);
        }
        var day = DateOnly.FromDateTime(local.DateTime);
        var week = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var dayCount = recipient.CapDay == day ? recipient.DayCount : 0;
        var weekCount = recipient.CapWeek == week ? recipient.WeekCount : 0;
        if (policy.MaxPerDay > 0 && dayCount >= policy.MaxPerDay)
        {
            return Drop(MessageOutcome.DroppedDailyCap, recipient);
        }
        if (policy.MaxPerWeek > 0 && weekCount >= policy.MaxPerWeek)
        {
            return Drop(MessageOutcome.DroppedWeeklyCap, recipient);
        }
        return new MessageVerdict(MessageOutcome.Delivered, consented, null,
            recipient with { CapDay = day, DayCount = dayCount + 1, CapWeek = week, WeekCount = weekCount + 1 });
    }

    /// <summary>The member's zone: the profile's IANA id, UTC if none or unknown to this host.</summary>
    public static TimeZoneInfo ZoneOf(string? timeZone)
    {
        if (string.IsNullOrEmpty(timeZone))
        {
            return TimeZoneInfo.Utc;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    /// <summary>The next local end of the quiet hours after <paramref name="local"/>, as an instant (a DST gap moves it on by the gap).</summary>
    private static DateTimeOffset EndOfQuietHours(MessagingPolicy policy, DateTimeOffset local, TimeZoneInfo zone)
    {
        var end = local.Date.AddMinutes(policy.QuietHoursEndMinute);
        if (end <= local.DateTime)
        {
            end = end.AddDays(1);
        }
        while (zone.IsInvalidTime(end))
        {
            end = end.AddMinutes(30);
        }
        return new DateTimeOffset(end, zone.GetUtcOffset(end)).ToUniversalTime();
    }

    private static MessageVerdict Drop(MessageOutcome reason, MessageRecipient recipient) => new(reason, [], null, recipient);

    /// <summary>The channels a profile makes reachable: email and SMS with an address, push with a consent.</summary>
    public static int Reachable(bool hasEmail, bool hasPhone, int consented)
    {
        var set = MessageChannels.With(0, ConsentChannel.Email, hasEmail);
        set = MessageChannels.With(set, ConsentChannel.Sms, hasPhone);
        return MessageChannels.With(set, ConsentChannel.Push, MessageChannels.Has(consented, ConsentChannel.Push));
    }
}
