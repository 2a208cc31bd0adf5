using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Grains.Insights;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;

namespace LoyaltyGrid.Grains.Tests.Insights;

/// <summary>What the projector counts of the events that move points outside a purchase.</summary>
public sealed class InsightsProjectorTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 14, 15, 9, 26, TimeSpan.Zero);

    [Fact]
    public void Bonuses_and_credits_are_earned_debits_and_cancellations_reversed_and_transfers_leave_the_totals_alone()
    {
        MemberEvent[] events =
        [
            new BirthdayBonusAwarded(2026, 500) { OccurredAt = At, RecordedAt = At },
            new PointsAdjusted("adj-1", 300, AdjustmentReason.Goodwill, "late parcel", "key:a", null) { OccurredAt = At, RecordedAt = At },
            new PointsAdjusted("adj-2", -120, AdjustmentReason.Correction, "double entry", "key:a", null) { OccurredAt = At, RecordedAt = At },
            new EarningCancelled(null, "adj-1", 80, 0, AdjustmentReason.Correction, "fraud", "key:a") { OccurredAt = At, RecordedAt = At },
            new PointsTransferredOut("xfer-1", "bob", 50, null) { OccurredAt = At, RecordedAt = At },
        ];
        var stream = MemberKey.StreamOf(MemberKey.For("shop", "ann"));
        var journal = events.Select((e, i) => new JournalEvent(new JournalPosition(10, stream, i + 1), MemberEventCodec.Instance.Encode(e))).ToArray();

        var batch = InsightsProjector.Project(JournalPosition.Start, journal);

        var ann = batch.Members.Single();
        Assert.Equal((800L, 200L, 0L, 0L), (ann.PointsEarned, ann.PointsReversed, ann.PointsRedeemed, ann.PointsExpired));
        var day = batch.Daily.Single();
        Assert.Equal((800L, 200L), (day.PointsEarned, day.PointsReversed));
        Assert.Equal(5, batch.Events);
    }

    [Fact]
    public void Custom_events_and_the_enrolment_and_consent_bonuses_count_as_earned()
    {
        MemberEvent[] events =
        [
            new EnrolmentBonusAwarded(200) { OccurredAt = At, RecordedAt = At },
            new EventRecorded("evt-1", "review_written", 50, "review 1", "key:a", 1, At.AddDays(-1), At.AddDays(6)) { OccurredAt = At, RecordedAt = At },
            new EventRecorded("evt-2", "app_installed", 100, null, "key:a", 1, null, null) { OccurredAt = At, RecordedAt = At },
            new ConsentBonusAwarded(75) { OccurredAt = At, RecordedAt = At },
        ];
        var stream = MemberKey.StreamOf(MemberKey.For("shop", "ann"));
        var journal = events.Select((e, i) => new JournalEvent(new JournalPosition(10, stream, i + 1), MemberEventCodec.Instance.Encode(e))).ToArray();

        var batch = InsightsProjector.Project(JournalPosition.Start, journal);

        var ann = batch.Members.Single();
        Assert.Equal((425L, 0L), (ann.PointsEarned, ann.PointsReversed));
        Assert.Equal(425L, batch.Daily.Single().PointsEarned);
    }
}
