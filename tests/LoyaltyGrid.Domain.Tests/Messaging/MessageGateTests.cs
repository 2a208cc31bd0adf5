using LoyaltyGrid.Domain.Messaging;
using LoyaltyGrid.Domain.Profiles;

namespace LoyaltyGrid.Domain.Tests.Messaging;

public sealed class MessageGateTests
{
    // A Wednesday, 14:00 in Berlin (CET, UTC+1).
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 13, 0, 0, TimeSpan.Zero);
    private static readonly MessagingPolicy Policy = new(QuietHoursStartMinute: 22 * 60, QuietHoursEndMinute: 8 * 60, MaxPerDay: 2, MaxPerWeek: 3);

    private static MessageRecipient Ann(int consented = 0b001, int reachable = 0b011) => new("shop", "ann")
    {
        Consented = consented,
        Reachable = reachable,
        TimeZone = "Europe/Berlin",
    };

    private static MessageDraft Draft(MessageKind kind, DateTimeOffset? at = null) =>
        new("shop", "ann", kind, "member/shop/ann:1:" + (int)kind, at ?? Now, new Dictionary<string, string>());

    [Fact]
    public void A_marketing_message_goes_to_the_consented_channels_and_counts_against_the_day_and_week()
    {
        var verdict = MessageGate.Decide(Draft(MessageKind.FeedbackRequest), Ann(), Policy, Now);

        Assert.Equal(MessageOutcome.Delivered, verdict.Outcome);
        Assert.Equal([ConsentChannel.Email], verdict.Channels);
        Assert.Equal(Ann() with { CapDay = new DateOnly(2026, 12, 2), DayCount = 1, CapWeek = new DateOnly(2026, 11, 30), WeekCount = 1 }, verdict.Recipient);
    }

    [Fact]
    public void A_marketing_message_without_consent_is_dropped_and_nothing_is_counted()
    {
        var verdict = MessageGate.Decide(Draft(MessageKind.Birthday), Ann(consented: 0), Policy, Now);

        Assert.Equal(new MessageVerdict(MessageOutcome.DroppedNoConsent, [], null, Ann(consented: 0)), verdict);
    }

    [Fact]
    public void The_third_marketing_message_of_a_local_day_is_dropped_by_the_daily_cap_and_the_fourth_of_a_week_by_the_weekly_one()
    {
        var recipient = Ann();
        var outcomes = new List<MessageOutcome>();
        foreach (var at in new[] { Now, Now.AddHours(1), Now.AddHours(2), Now.AddDays(1), Now.AddDays(1).AddHours(1) })
        {
            var verdict = MessageGate.Decide(Draft(MessageKind.FeedbackRequest, at), recipient, Policy, at);
            outcomes.Add(verdict.Outcome);
            recipient = verdict.Recipient!;
        }

        Assert.Equal([MessageOutcome.Delivered, MessageOutcome.Delivered, MessageOutcome.DroppedDailyCap, MessageOutcome.Delivered,
            MessageOutcome.DroppedWeeklyCap], outcomes);
        // A new week (Monday 7 Dec) starts the counts again.
        var monday = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(MessageOutcome.Delivered, MessageGate.Decide(Draft(MessageKind.FeedbackRequest, monday), recipient, Policy, monday).Outcome);
    }

    [Fact]
    public void A_receipt_of_points_is_never_capped_nor_held_and_goes_to_every_reachable_channel()
    {
        var capped = Ann() with { CapDay = new DateOnly(2026, 12, 2), DayCount = 9, CapWeek = new DateOnly(2026, 11, 30), WeekCount = 9 };
        var night = new DateTimeOffset(2026, 12, 2, 23, 30, 0, TimeSpan.Zero);

        var verdict = MessageGate.Decide(Draft(MessageKind.PointsEarned, night), capped with { Consented = 0 }, Policy, night);

        Assert.Equal((MessageOutcome.Delivered, capped with { Consented = 0 }), (verdict.Outcome, verdict.Recipient));
        Assert.Equal([ConsentChannel.Email, ConsentChannel.Sms], verdict.Channels);
        Assert.Equal(MessageOutcome.DroppedNoChannel,
            MessageGate.Decide(Draft(MessageKind.PointsEarned), Ann(reachable: 0), Policy, Now).Outcome);
    }

    [Fact]
    public void A_marketing_message_in_the_members_quiet_hours_is_held_until_their_end_in_the_members_time_zone()
    {
        // 23:30 in Berlin is 22:30Z; quiet hours end at 08:00 Berlin, 07:00Z the next day.
        var night = new DateTimeOffset(2026, 12, 2, 22, 30, 0, TimeSpan.Zero);

        var held = MessageGate.Decide(Draft(MessageKind.TierUpgraded, night), Ann(), Policy, night);
        var released = MessageGate.Decide(Draft(MessageKind.TierUpgraded, night), Ann(), Policy, held.HoldUntil!.Value, held: true);

        Assert.Equal(new MessageVerdict(MessageOutcome.Held, [], new DateTimeOffset(2026, 12, 3, 7, 0, 0, TimeSpan.Zero), Ann()), held);
        Assert.Equal(MessageOutcome.Delivered, released.Outcome);
        // The same instant is 22:30 in London, also quiet; in New York it is 17:30, not quiet.
        Assert.Equal(MessageOutcome.Delivered, MessageGate.Decide(Draft(MessageKind.TierUpgraded, night), Ann() with { TimeZone = "America/New_York" }, Policy, night).Outcome);
    }

    [Fact]
    public void Quiet_hours_within_one_day_hold_until_their_end_that_day()
    {
        var lunch = new MessagingPolicy(QuietHoursStartMinute: 12 * 60, QuietHoursEndMinute: 15 * 60);

        var verdict = MessageGate.Decide(Draft(MessageKind.Birthday), Ann() with { TimeZone = null }, lunch, Now);

        Assert.Equal(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero), verdict.HoldUntil);
    }

    [Fact]
    public void An_event_older_than_a_day_is_not_sent_late_but_a_held_message_is_decided_again_whatever_its_age()
    {
        var old = Now.AddDays(-2);

        Assert.Equal(MessageOutcome.DroppedStale, MessageGate.Decide(Draft(MessageKind.PointsEarned, old), Ann(), Policy, Now).Outcome);
        Assert.Equal(MessageOutcome.Delivered, MessageGate.Decide(Draft(MessageKind.Birthday, old), Ann(), Policy, Now, held: true).Outcome);
    }

    [Fact]
    public void An_unknown_time_zone_is_taken_as_UTC()
    {
        Assert.Equal(TimeZoneInfo.Utc, MessageGate.ZoneOf("Mars/Olympus"));
    }
}
