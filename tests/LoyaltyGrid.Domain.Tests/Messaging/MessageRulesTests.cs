using LoyaltyGrid.Domain.Benefits;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Messaging;
using LoyaltyGrid.Domain.Profiles;
using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Tests.Messaging;

public sealed class MessageRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 13, 0, 0, TimeSpan.Zero);
    private static readonly MessageRecipient Ann = new("shop", "ann");

    /// <summary>A purchase of <paramref name="points"/>, as journaled: with the balance after it (<paramref name="availableAfter"/>; default: its points).</summary>
    private static PurchaseRecorded Purchase(long points, long? availableAfter = null) =>
        new("tx-1", "acme", "s1", "till-1", "EUR", [], 10_00, points, "base")
        {
            OccurredAt = Now, RecordedAt = Now, BalanceAfter = new Balance(availableAfter ?? points, 0, 0),
        };

    [Fact]
    public void A_purchase_calls_for_a_receipt_of_its_points_and_a_feedback_request_and_leaves_the_recipient_as_it_was()
    {
        var (drafts, recipient) = MessageRules.Decide(Ann, Purchase(100), "member/shop/ann:7", MessagingPolicy.Default);

        Assert.Equal([(MessageKind.PointsEarned, "member/shop/ann:7:1"), (MessageKind.FeedbackRequest, "member/shop/ann:7:9")],
            drafts.Select(d => (d.Kind, d.SourceKey)));
        Assert.Equal(new Dictionary<string, string>
        {
            ["points"] = "100",
            ["transaction_id"] = "tx-1",
            ["merchant_id"] = "acme",
            ["store_id"] = "s1",
            ["available"] = "100",
        }, drafts[0].Data);
        Assert.Equal(Ann, recipient);
    }

    [Fact]
    public void Every_journaled_event_carries_the_balance_after_it_as_the_balance_before_plus_its_own_change()
    {
        // What the messages projection relies on to read the balance before an event from the event alone.
        var member = Tests.Builders.TestMember.Enrolled(new Tests.Builders.RulesBuilder().Rules);
        var first = member.Buy(new Tests.Builders.Basket().Line("a", 2, 5_000));
        var hold = member.Authorize(300);
        member.Capture(hold.HoldId);
        member.Void(member.Authorize(100).HoldId);
        member.Return(first.TransactionId, ("a", 1));
        member.Buy(new Tests.Builders.Basket().Line("b", 1, 2_000));

        var before = Balance.Zero;
        foreach (var entry in member.Journal)
        {
            var change = entry.Event.ApplyTo(Balance.Zero);
            Assert.Equal((before.Available, before.Pending, before.Held),
                (entry.Event.BalanceAfter.Available - change.Available, entry.Event.BalanceAfter.Pending - change.Pending,
                    entry.Event.BalanceAfter.Held - change.Held));
            before = entry.Event.BalanceAfter;
        }
        Assert.True(member.Journal.Count >= 7);
    }

    [Fact]
    public void Crossing_the_reward_threshold_calls_for_a_reward_message_once()
    {
        var policy = new MessagingPolicy(RewardThresholdPoints: 150);

        var (first, _) = MessageRules.Decide(Ann, Purchase(100, availableAfter: 100), "s:1", policy);
        var (second, _) = MessageRules.Decide(Ann, Purchase(100, availableAfter: 200), "s:2", policy);
        var (third, _) = MessageRules.Decide(Ann, Purchase(100, availableAfter: 300), "s:3", policy);

        Assert.DoesNotContain(first, d => d.Kind == MessageKind.RewardAffordable);
        Assert.Contains(second, d => d.Kind == MessageKind.RewardAffordable && d.Data["available"] == "200");
        Assert.DoesNotContain(third, d => d.Kind == MessageKind.RewardAffordable);
    }

    [Fact]
    public void An_upgrade_a_birthday_and_a_settled_referral_each_call_for_their_message_and_a_downgrade_for_none()
    {
        MessageKind[] Kinds(MemberEvent e) => [.. MessageRules.Decide(Ann, e, "s:1", MessagingPolicy.Default).Drafts.Select(d => d.Kind)];

        Assert.Equal([MessageKind.TierUpgraded], Kinds(new TierChanged(null, "gold", TierChangeReason.Upgrade, 1000, Now.AddYears(1)) { OccurredAt = Now, RecordedAt = Now }));
        Assert.Empty(Kinds(new TierChanged("gold", null, TierChangeReason.Downgrade, 10, null) { OccurredAt = Now, RecordedAt = Now }));
        Assert.Equal([MessageKind.Birthday], Kinds(new BirthdayBonusAwarded(2026, 0) { OccurredAt = Now, RecordedAt = Now }));
        Assert.Equal([MessageKind.ReferralRewarded], Kinds(new ReferralSettled("ref-1", "bob", 500, null) { OccurredAt = Now, RecordedAt = Now }));
        Assert.Equal([MessageKind.ReferralRewarded], Kinds(new ReferralOutcomeDelivered("ref-1", 200, null) { OccurredAt = Now, RecordedAt = Now }));
        Assert.Empty(Kinds(new ReferralSettled("ref-1", "bob", 0, Referrals.ReferralRejection.SelfReferral) { OccurredAt = Now, RecordedAt = Now }));
    }

    [Fact]
    public void Profile_changes_set_the_consented_and_reachable_channels_and_an_erasure_forgets_them()
    {
        var updated = MessageRules.Apply(Ann, new ProfileUpdated(new ContactDetails(Email: "ann@example.com", TimeZone: "Europe/Berlin")) { RecordedAt = Now });
        var consented = MessageRules.Apply(updated, new ConsentChanged(new Consent(ConsentChannel.Push, true, Now, ConsentSource.App)) { RecordedAt = Now });
        var erased = MessageRules.Apply(consented, new ProfileErased("key:a") { RecordedAt = Now });

        Assert.Equal(Ann with { Reachable = 0b001, TimeZone = "Europe/Berlin" }, updated);
        Assert.Equal(Ann with { Consented = 0b100, Reachable = 0b101, TimeZone = "Europe/Berlin" }, consented);
        Assert.Equal(Ann, erased);
    }

    [Fact]
    public void A_published_benefit_is_one_program_wide_message()
    {
        var benefit = new Benefit("members-10", "10% off", BenefitKind.PercentageDiscount, 10, 0, FreeService.None, 0,
            new PromotionTarget(TargetKind.AllMembers, [], 0), Now, Now.AddMonths(1), ["bakery"], Now, "key:a");

        var draft = MessageRules.Decide("shop", new BenefitPublished(benefit) { RecordedAt = Now }, "program/shop:4");

        Assert.Equal((MessageKind.BenefitPublished, "", "members-10", "bakery"), (draft!.Kind, draft.MemberId, draft.Data["benefit_id"], draft.Data["merchant_ids"]));
        Assert.True(draft.IsProgramWide);
    }

    [Fact]
    public void An_expiry_check_warns_of_points_expiring_within_the_window_and_checks_again_after_them()
    {
        var policy = new MessagingPolicy(ExpiryWarningDays: 7);
        var (warning, next) = MessageRules.ExpiryCheck(Ann, [new ExpiringPoints(100, Now.AddDays(5)), new ExpiringPoints(50, Now.AddDays(6)),
            new ExpiringPoints(70, Now.AddDays(20))], 300, policy, Now);
        var (none, later) = MessageRules.ExpiryCheck(Ann, [new ExpiringPoints(70, Now.AddDays(20))], 300, policy, Now);
        var (_, never) = MessageRules.ExpiryCheck(Ann, [], 0, policy, Now);

        Assert.Equal((MessageKind.PointsExpiring, "150"), (warning!.Kind, warning.Data["points"]));
        Assert.Equal(Now.AddDays(5).AddMinutes(1), next);
        Assert.Null(none);
        Assert.Equal(Now.AddDays(23), later);
        Assert.Null(never);
        // An expiry already due but not applied yet: checked again in an hour, not at once.
        Assert.Equal(Now.AddHours(1), MessageRules.ExpiryCheck(Ann, [new ExpiringPoints(10, Now.AddMinutes(-1))], 300, policy, Now).NextCheck);
    }
}
