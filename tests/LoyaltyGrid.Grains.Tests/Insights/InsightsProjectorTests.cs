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
    public void Reward_redemptions_are_redeemed_points_and_a_coalitions_count_per_partner_is_the_journals()
    {
        MemberEvent[] events =
        [
            new RewardRedeemed("spa", "spa.0000000001", 1_000, "bakery") { OccurredAt = At, RecordedAt = At },
            new RewardRedeemed("spa", "spa.0000000002", 1_000, "bakery") { OccurredAt = At, RecordedAt = At.AddHours(1) },
            new RewardRedeemed("bag", "bag.0000000001", 300, null) { OccurredAt = At, RecordedAt = At.AddHours(1) },
            new RewardRedemptionRefunded("spa", "spa.0000000002", 1_000, "bakery") { OccurredAt = At, RecordedAt = At.AddHours(2) },
        ];
        var stream = MemberKey.StreamOf(MemberKey.For(LoyaltyGrid.Domain.Tests.Coalitions.CoalitionProgram.ProgramId, "ann"));
        var journal = events.Select((e, i) => new JournalEvent(new JournalPosition(10, stream, i + 1), MemberEventCodec.Instance.Encode(e))).ToArray();
        var decoded = events.Select((e, i) => new DecodedMemberEvent(LoyaltyGrid.Domain.Tests.Coalitions.CoalitionProgram.ProgramId, "ann", stream, i + 1, e)).ToArray();
        var coalition = new LoyaltyGrid.Domain.Tests.Coalitions.CoalitionProgram().Rules.Coalition!;

        var batch = InsightsProjector.Project(JournalPosition.Start, journal, decoded,
            new SettlementScope(new Dictionary<string, LoyaltyGrid.Domain.Coalitions.Coalition> { [LoyaltyGrid.Domain.Tests.Coalitions.CoalitionProgram.ProgramId] = coalition },
                new Dictionary<LoyaltyGrid.Storage.Insights.SettlementOriginKey, LoyaltyGrid.Storage.Insights.SettlementOriginRow>()));
        var plain = InsightsProjector.Project(JournalPosition.Start, journal);

        Assert.Equal(1_300L, batch.Members.Single().PointsRedeemed);
        Assert.Empty(plain.RewardRedemptions);
        var counted = batch.RewardRedemptions
            .GroupBy(r => (r.PartnerId, r.RewardId))
            .Select(g => new LoyaltyGrid.Domain.Rewards.RewardRedemptionUsage(g.Key.PartnerId.Length == 0 ? null : g.Key.PartnerId, g.Key.RewardId,
                g.Sum(r => r.Units), g.Sum(r => r.Points)))
            .OrderBy(u => u.PartnerId ?? "", StringComparer.Ordinal).ThenBy(u => u.RewardId, StringComparer.Ordinal);
        var journaled = events.Select((e, i) => new LoyaltyGrid.Domain.Coalitions.JournaledMemberEvent(stream, i + 1, e));
        Assert.Equal(LoyaltyGrid.Domain.Rewards.RewardRedemptionUsage.Count(journaled, At, At.AddDays(1)), counted);
        Assert.Equal([new LoyaltyGrid.Domain.Rewards.RewardRedemptionUsage(null, "bag", 1, 300), new("bakery", "spa", 1, 1_000)],
            LoyaltyGrid.Domain.Rewards.RewardRedemptionUsage.Count(journaled, At, At.AddDays(1)));
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

    [Fact]
    public void Feedback_is_one_row_by_when_it_was_recorded_and_its_reward_is_earned()
    {
        var feedback = new LoyaltyGrid.Domain.CustomerFeedback.FeedbackSubmitted("fb_1", "tx-1", At.AddDays(-2), "acme", "s1", null, 3, null,
            "slow", LoyaltyGrid.Domain.CustomerFeedback.FeedbackChannel.Sms, 40) { RequestId = "req-1", Fingerprint = "2:fp", RecordedAt = At.AddTicks(1234) };
        var reward = new FeedbackRewardCredited("fb_1", 40, "tx-1", "acme", "s1") { OccurredAt = At, RecordedAt = At };
        JournalEvent[] journal =
        [
            new(new JournalPosition(10, FeedbackKey.StreamOf(MemberKey.For("shop", "ann")), 1), FeedbackEventCodec.Instance.Encode(feedback)),
            new(new JournalPosition(10, MemberKey.StreamOf(MemberKey.For("shop", "ann")), 7), MemberEventCodec.Instance.Encode(reward)),
        ];

        var batch = InsightsProjector.Project(JournalPosition.Start, journal);

        Assert.Equal(new LoyaltyGrid.Storage.Insights.FeedbackRow("shop", "fb_1", "ann", "tx-1", "acme", "s1", "", 3, null, "slow", 3, 40,
            DateTimeOffset.FromUnixTimeMilliseconds(At.ToUnixTimeMilliseconds())), Assert.Single(batch.Feedback));
        Assert.Equal(40L, batch.Members.Single().PointsEarned);
        Assert.Equal(40L, batch.Daily.Single().PointsEarned);
    }

    [Fact]
    public void Referral_rewards_are_earned_by_the_referrer_when_settled_and_the_referee_when_answered_and_a_void_earns_nothing()
    {
        MemberEvent[] ann =
        [
            new ReferralMade("ref_1", "bob", "7K3M9Q2P", null) { OccurredAt = At, RecordedAt = At },
            new ReferralSettled("ref_1", "bob", 500, null) { OccurredAt = At, RecordedAt = At },
            new ReferralSettled("ref_2", "cat", 0, LoyaltyGrid.Domain.Referrals.ReferralRejection.SelfReferral) { OccurredAt = At, RecordedAt = At },
        ];
        MemberEvent[] bob =
        [
            new ReferralClosed("ref_1", "ann", 200, 500, null) { OccurredAt = At, RecordedAt = At },
            new ReferralOutcomeDelivered("ref_1", 200, null) { OccurredAt = At, RecordedAt = At },
        ];
        var annStream = MemberKey.StreamOf(MemberKey.For("shop", "ann"));
        var bobStream = MemberKey.StreamOf(MemberKey.For("shop", "bob"));
        var journal = ann.Select((e, i) => new JournalEvent(new JournalPosition(10, annStream, i + 1), MemberEventCodec.Instance.Encode(e)))
            .Concat(bob.Select((e, i) => new JournalEvent(new JournalPosition(11, bobStream, i + 1), MemberEventCodec.Instance.Encode(e))))
            .ToArray();

        var batch = InsightsProjector.Project(JournalPosition.Start, journal);

        Assert.Equal([("ann", 500L), ("bob", 200L)], batch.Members.OrderBy(m => m.MemberId).Select(m => (m.MemberId, m.PointsEarned)));
        Assert.Equal(700L, batch.Daily.Single().PointsEarned);
    }
}
