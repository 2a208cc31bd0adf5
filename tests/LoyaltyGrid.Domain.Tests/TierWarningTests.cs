using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Messaging;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>A tier at risk: looked at once, the policy's days before the review, and a message only when the member would lose the tier.</summary>
public sealed class TierWarningTests
{
    private static readonly DateTimeOffset Start = TestClock.Start;

    /// <summary>Silver at 100.00 kept in 12 months, reviewed 12 months after the upgrade without grace; warned 30 days before.</summary>
    private static ProgramRules Program(int warningDays = 30)
    {
        var program = new RulesBuilder()
            .TierPolicy(TierMetric.QualifyingSpend, windowMonths: 12, reviewMonths: 12, graceDays: 0)
            .Tier("silver", 10_000);
        program.Do(new SetMessagingPolicy(program.NextRequestId(), RulesBuilder.ProgramId, RulesBuilder.Admin,
            new MessagingPolicy() { TierWarningDays = warningDays }));
        return program.Rules;
    }

    [Fact]
    public void A_member_who_would_lose_its_tier_is_checked_once_before_the_review_and_gets_a_tier_at_risk_message()
    {
        var member = TestMember.Enrolled(Program());
        member.Buy(new Basket().Line("coat", 1, 10_000));
        var review = Start.AddMonths(12);
        Assert.Equal(("silver", review), (member.State.Tier.TierId, member.State.Tier.ReviewAt));
        Assert.Equal(review.AddDays(-30), member.State.NextDue(member.Rules));

        member.Now = review.AddDays(-30).AddSeconds(-1);
        Assert.Empty(member.ApplyDue());
        member.Now = review.AddDays(-30);
        var check = Assert.IsType<TierRiskChecked>(Assert.Single(member.ApplyDue()));

        // The only purchase leaves the window at the review: nothing would be left of the 100.00 the tier needs.
        Assert.Equal(new TierRiskChecked("silver", review, 0, 10_000) { OccurredAt = member.Now, RecordedAt = member.Now, BalanceAfter = check.BalanceAfter }, check);
        Assert.True(check.AtRisk);
        Assert.Equal(review, member.State.NextDue(member.Rules));
        var drafts = MessageRules.Decide(new MessageRecipient(RulesBuilder.ProgramId, member.MemberId), check, "member/p/m:9", member.Rules.Messaging).Drafts;
        var draft = Assert.Single(drafts);
        Assert.Equal((MessageKind.TierAtRisk, "silver", "10000", "10000"), (draft.Kind, draft.Data["tier_id"], draft.Data["threshold"], draft.Data["needed"]));
        Assert.False(draft.IsTransactional);
    }

    [Fact]
    public void A_member_on_course_to_keep_its_tier_is_checked_and_told_nothing_and_without_a_warning_setting_nothing_is_checked()
    {
        var member = TestMember.Enrolled(Program());
        member.Buy(new Basket().Line("coat", 1, 10_000));
        member.Advance(TimeSpan.FromDays(180));
        member.ApplyDue();
        member.Buy(new Basket().Line("hat", 1, 10_000));
        var review = Start.AddMonths(12);

        member.Now = review.AddDays(-30);
        var check = Assert.IsType<TierRiskChecked>(Assert.Single(member.ApplyDue()));

        Assert.Equal((10_000L, false), (check.Metric, check.AtRisk));
        Assert.Empty(MessageRules.Decide(new MessageRecipient(RulesBuilder.ProgramId, member.MemberId), check, "s:1", member.Rules.Messaging).Drafts);
        var quiet = TestMember.Enrolled(Program(warningDays: 0));
        quiet.Buy(new Basket().Line("coat", 1, 10_000));
        Assert.Equal(review, quiet.State.NextDue(quiet.Rules));
    }

    [Fact]
    public void A_warning_outside_its_range_is_refused()
    {
        var program = new RulesBuilder();

        Assert.Equal(Refusal.Invalid("messaging_policy.tier_warning_days"), program.Refuses(new SetMessagingPolicy(program.NextRequestId(),
            RulesBuilder.ProgramId, RulesBuilder.Admin, new MessagingPolicy() { TierWarningDays = 91 })));
    }
}
