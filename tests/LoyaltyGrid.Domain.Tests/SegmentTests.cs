using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>Segments: defined on the program, kept by each member as its facts change and as time-based conditions flip.</summary>
public sealed class SegmentTests
{
    private static readonly DateTimeOffset Start = TestClock.Start;
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private static DefineSegment Define(RulesBuilder program, string segmentId, SegmentConditions conditions, string? name = null) =>
        new(program.NextRequestId(), RulesBuilder.ProgramId, RulesBuilder.Admin, segmentId, name ?? "Segment " + segmentId, conditions);

    /// <summary>"big": at least 2 purchases and 100.00 spent in 30 days; "lapsed": bought in the last year, but not for 60 days or more.</summary>
    private static RulesBuilder Program()
    {
        var program = new RulesBuilder();
        program.Do(Define(program, "big", new SegmentConditions { WindowDays = 30, MinPurchases = 2, MinSpendMinor = 10_000 }));
        program.Do(Define(program, "lapsed", new SegmentConditions { MinDaysSinceLastPurchase = 60, MinPurchases = 1, WindowDays = 365 }));
        return program;
    }

    private static TestMember Member(ProgramRules rules, string memberId = "member-1")
    {
        var member = TestMember.Enrolled(rules, memberId);
        member.ApplyDue();
        return member;
    }

    [Fact]
    public void A_definition_with_bad_conditions_is_refused_with_one_violation_per_field_and_changes_nothing()
    {
        var program = new RulesBuilder();

        var refusal = program.Refuses(Define(program, "bad id!", new SegmentConditions
        {
            MinPoints = 500, MaxPoints = 100, MinPurchases = 1, BirthdayMonths = [13, 2, 2],
            EnrolledFrom = Start, EnrolledBefore = Start.AddDays(-1),
        }, name: ""));

        Assert.Equal(Refusal.Invalid("segment_id", "name", "conditions.max_points", "conditions.window_days", "conditions.enrolled_before",
            "conditions.birthday_months[0]", "conditions.birthday_months[2]"), refusal);
        Assert.Equal(Refusal.Invalid("conditions.tier_ids[0]"),
            program.Refuses(Define(program, "gold", new SegmentConditions { TierIds = ["gold"] })));
        Assert.Equal(Refusal.Invalid("conditions.window_days"),
            program.Refuses(Define(program, "w", new SegmentConditions { WindowDays = 7 })));
        Assert.Empty(program.Rules.Segments);
    }

    [Fact]
    public void A_redefinition_replaces_the_segment_in_place_a_retry_is_answered_the_same_and_a_reused_request_id_is_refused()
    {
        var program = Program();
        var redefine = Define(program, "big", new SegmentConditions { WindowDays = 7, MinPurchases = 1 }, name: "Weekly");

        var first = program.Do(redefine);
        var retry = program.Do(redefine);

        Assert.Equal(["big", "lapsed"], program.Rules.Segments.Select(s => s.SegmentId));
        Assert.Equal("Weekly", program.Rules.Segment("big")!.Name);
        Assert.Null(retry.NewEvent);
        Assert.Same(first.Result, retry.Result);
        Assert.Equal(Refusal.AlreadyExists("REQUEST_ID_REUSED"),
            program.Refuses(redefine with { Name = "Other" }));
    }

    [Fact]
    public void A_program_has_at_most_fifty_segments()
    {
        var program = new RulesBuilder();
        for (var i = 0; i < ProgramAdmin.MaxSegments; i++)
        {
            program.Do(Define(program, $"s{i}", new SegmentConditions()));
        }

        Assert.Equal(Refusal.Precondition("TOO_MANY_SEGMENTS"), program.Refuses(Define(program, "one-more", new SegmentConditions())));
        program.Do(Define(program, "s0", new SegmentConditions { MinPoints = 1 }));
    }

    [Fact]
    public void A_member_enters_with_the_purchase_that_meets_the_conditions_and_leaves_when_it_leaves_the_window()
    {
        var program = Program();
        var member = Member(program.Rules);
        Assert.Empty(member.State.Segments);

        member.Buy(new Basket().Line("a", 1, 6_000));
        Assert.Empty(member.State.Segments);
        member.Advance(Day * 10);
        member.ApplyDue();
        var second = member.Handle(member.PurchaseOf(new Basket().Line("b", 1, 5_000)));

        // In the same decision as the purchase, with the request's id: a retry finds it.
        var entered = second.NewEvents.OfType<SegmentsChanged>().Single();
        Assert.Equal(["big"], entered.Entered);
        Assert.Empty(entered.Left);
        Assert.Equal(Start + Day * 30, entered.ReviewAt);
        Assert.Equal(second.Result.RequestId, entered.RequestId);
        Assert.Equal(["big"], member.State.Segments);
        // The first purchase leaves the 30-day window at day 30; that is when the member is next due.
        Assert.Equal(Start + Day * 30, member.State.NextDue(member.Rules));

        member.Now = Start + Day * 30 - TimeSpan.FromSeconds(1);
        Assert.Empty(member.ApplyDue());
        member.Now = Start + Day * 30;
        var left = Assert.IsType<SegmentsChanged>(Assert.Single(member.ApplyDue()));

        Assert.Empty(left.Entered);
        Assert.Equal(["big"], left.Left);
        Assert.Empty(member.State.Segments);
        // Next: 60 days after the last purchase the member is lapsed.
        Assert.Equal(Start + Day * 70, left.ReviewAt);
        member.Now = Start + Day * 70;
        Assert.Equal(["lapsed"], Assert.IsType<SegmentsChanged>(Assert.Single(member.ApplyDue())).Entered);
        Assert.Equal(["lapsed"], member.State.Segments);

        // A purchase brings it back: no longer lapsed.
        member.Buy(new Basket().Line("c", 1, 1_000));
        Assert.Empty(member.State.Segments);
    }

    [Fact]
    public void A_return_that_takes_the_spend_below_the_bound_takes_the_member_out()
    {
        var program = Program();
        var member = Member(program.Rules);
        member.Buy(new Basket().Line("a", 1, 6_000));
        var big = member.Buy(new Basket().Line("b", 1, 5_000));
        Assert.Equal(["big"], member.State.Segments);

        member.ReturnAll(big);

        Assert.Empty(member.State.Segments);
    }

    [Fact]
    public void A_segment_defined_after_the_member_enrolled_takes_it_in_on_its_next_look()
    {
        var program = new RulesBuilder();
        var member = Member(program.Rules);
        member.Buy(new Basket().Line("a", 1, 1_000));
        Assert.Empty(member.State.Segments);

        program.Do(Define(program, "buyers", new SegmentConditions { MinPoints = 1 }));
        member.Rules = program.Rules;
        var due = member.ApplyDue();

        Assert.Equal(["buyers"], Assert.IsType<SegmentsChanged>(Assert.Single(due)).Entered);
        Assert.Empty(member.ApplyDue());
        // Redefined so the member no longer qualifies: it leaves on its next look.
        program.Do(Define(program, "buyers", new SegmentConditions { MinPoints = 1_000_000 }));
        member.Rules = program.Rules;
        Assert.Equal(["buyers"], Assert.IsType<SegmentsChanged>(Assert.Single(member.ApplyDue())).Left);
    }

    [Fact]
    public void Tier_points_enrolment_and_birthday_conditions_read_the_members_own_state()
    {
        var program = new RulesBuilder().Tier("gold", 5_000);
        var gold = program.Rules;
        var member = Member(gold);
        member.Buy(new Basket().Line("a", 1, 6_000));
        member.Apply(BirthdayBonuses.Change(member.State, gold, 4, 12, member.Now));

        bool Meets(SegmentConditions c) => MemberSegments.Meets(member.State, c, member.Now);

        Assert.True(Meets(new SegmentConditions { TierIds = ["gold"], MinPoints = 600, MaxPoints = 600 }));
        Assert.False(Meets(new SegmentConditions { MaxPoints = 599 }));
        Assert.True(Meets(new SegmentConditions { EnrolledFrom = Start, EnrolledBefore = Start + Day }));
        Assert.False(Meets(new SegmentConditions { EnrolledBefore = Start }));
        Assert.True(Meets(new SegmentConditions { BirthdayMonths = [3, 4] }));
        Assert.False(Meets(new SegmentConditions { BirthdayMonths = [5] }));
        Assert.False(Meets(new SegmentConditions { MaxDaysSinceLastPurchase = -1 }));
        Assert.False(MemberSegments.Meets(TestMember.Enrolled(gold, "never").State, new SegmentConditions { MaxDaysSinceLastPurchase = 30 }, member.Now));
        Assert.True(MemberSegments.Meets(TestMember.Enrolled(gold, "never").State, new SegmentConditions { MinDaysSinceLastPurchase = 30 }, member.Now));
    }

    [Fact]
    public void Consent_and_nps_conditions_read_what_the_profile_and_the_feedback_told_the_member()
    {
        var program = new RulesBuilder();
        program.Do(Define(program, "emailable-promoters", new SegmentConditions
        {
            ConsentedChannels = [Profiles.ConsentChannel.Email],
            NpsCategories = [NpsCategory.Promoter],
        }));
        program.Do(Define(program, "unheard", new SegmentConditions { NpsCategories = [NpsCategory.NotAnswered, NpsCategory.Passive] }));
        var member = Member(program.Rules);
        Assert.Equal(["unheard"], member.State.Segments);

        member.Apply(MemberAccount.System(member.State, member.Now, MemberSegments.Consents(member.State, 0b101, member.Now)!));
        Assert.Null(MemberSegments.Consents(member.State, 0b101, member.Now));
        member.Apply(MemberAccount.System(member.State, member.Now, MemberSegments.Nps(member.State, "fb_1", 10, member.Now, member.Now)!));
        member.ApplyDue();
        Assert.Equal(["emailable-promoters"], member.State.Segments.Order());

        // An older answer told late changes nothing; the same answer again neither; a newer one counts.
        Assert.Null(MemberSegments.Nps(member.State, "fb_0", 3, member.Now - Day, member.Now));
        Assert.Null(MemberSegments.Nps(member.State, "fb_1", 10, member.Now, member.Now));
        member.Advance(Day);
        member.Apply(MemberAccount.System(member.State, member.Now, MemberSegments.Nps(member.State, "fb_2", 8, member.Now, member.Now)!));
        member.ApplyDue();
        Assert.Equal(NpsCategory.Passive, MemberSegments.Category(member.State.LatestNps));
        Assert.Equal(["unheard"], member.State.Segments);

        // Withdrawing email consent: out of a segment that needs it, whatever the answer.
        member.Apply(MemberAccount.System(member.State, member.Now, MemberSegments.Nps(member.State, "fb_3", 9, member.Now, member.Now)!));
        member.Apply(MemberAccount.System(member.State, member.Now, MemberSegments.Consents(member.State, 0b100, member.Now)!));
        member.ApplyDue();
        Assert.Empty(member.State.Segments);
        Assert.Equal(NpsCategory.Detractor, MemberSegments.Category(new NpsAnswer("x", 6, Start)));
        Assert.Equal(NpsCategory.Passive, MemberSegments.Category(new NpsAnswer("x", 7, Start)));
    }

    [Fact]
    public void Merchants_visited_count_in_the_window_or_ever_and_the_member_leaves_when_a_visit_leaves_the_window()
    {
        var program = new RulesBuilder();
        program.Do(Define(program, "cross-shoppers", new SegmentConditions { MinMerchantsVisited = 2, WindowDays = 30 }));
        program.Do(Define(program, "bakery-ever", new SegmentConditions { VisitedMerchantIds = ["bakery"] }));
        var member = Member(program.Rules);

        member.Handle(member.PurchaseOf(new Basket().Line("a", 1, 1_000), merchantId: "bakery"));
        Assert.Equal(["bakery-ever"], member.State.Segments);
        member.Advance(Day * 10);
        member.ApplyDue();
        var second = member.Handle(member.PurchaseOf(new Basket().Line("b", 1, 1_000), merchantId: "florist"));
        member.ReturnAll((PurchaseRecorded)second.Result);

        // A returned purchase is still a visit.
        Assert.Equal(["bakery-ever", "cross-shoppers"], member.State.Segments.Order(StringComparer.Ordinal));
        Assert.Equal(Start + Day * 30, member.State.SegmentsReviewAt);
        member.Now = Start + Day * 30;
        Assert.Equal(["cross-shoppers"], Assert.IsType<SegmentsChanged>(Assert.Single(member.ApplyDue())).Left);
        Assert.Equal(["bakery-ever"], member.State.Segments);
    }

    [Fact]
    public void A_member_remembers_at_most_a_hundred_merchants_and_forgets_the_least_recent_first()
    {
        var member = Member(new RulesBuilder().Rules);
        for (var i = 0; i <= MemberState.MaxMerchantVisits; i++)
        {
            member.Handle(member.PurchaseOf(new Basket().Line("a", 1, 100), merchantId: $"m{i:D3}"));
            member.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(MemberState.MaxMerchantVisits, member.State.MerchantVisits.Count);
        Assert.DoesNotContain("m000", member.State.MerchantVisits.Keys);
        Assert.Contains($"m{MemberState.MaxMerchantVisits:D3}", member.State.MerchantVisits.Keys);
    }

    [Fact]
    public void Rfm_scores_come_from_the_programs_edges_and_a_band_follows_recency_as_time_passes()
    {
        var bands = new RfmBands
        {
            RecencyDays = [7, 30, 90, 180], FrequencyPurchases = [2, 3, 5, 10], MonetaryMinor = [1_000, 5_000, 10_000, 50_000],
            MinRecency = 4, MinFrequency = 2, MinMonetary = 3,
        };
        Assert.Equal([5, 5, 4, 4, 3, 2, 1, 1], new long?[] { 0, 7, 8, 30, 90, 180, 181, null }.Select(bands.Recency));
        Assert.Equal([1, 2, 3, 3, 4, 5], new long[] { 1, 2, 3, 4, 5, 10 }.Select(bands.Frequency));
        Assert.Equal([1, 2, 4, 5], new long[] { 999, 1_000, 10_000, 90_000 }.Select(bands.Monetary));

        var program = new RulesBuilder();
        program.Do(Define(program, "champions", new SegmentConditions { WindowDays = 365, Rfm = bands }));
        var member = Member(program.Rules);
        member.Buy(new Basket().Line("a", 1, 3_000));
        Assert.Empty(member.State.Segments);
        member.Advance(Day);
        member.ApplyDue();
        member.Buy(new Basket().Line("b", 1, 3_000));

        // R 5 (0 days), F 2 (2 purchases), M 3 (60.00): in. At 31 days R is 3: out.
        Assert.Equal(["champions"], member.State.Segments);
        Assert.Equal(Start + Day * 32, member.State.SegmentsReviewAt);
        member.Now = Start + Day * 32;
        Assert.Equal(["champions"], Assert.IsType<SegmentsChanged>(Assert.Single(member.ApplyDue())).Left);
    }

    [Fact]
    public void Engagement_conditions_with_bad_values_are_refused_field_by_field()
    {
        var program = new RulesBuilder();

        var refusal = program.Refuses(Define(program, "bad", new SegmentConditions
        {
            ConsentedChannels = [Profiles.ConsentChannel.Email, Profiles.ConsentChannel.Email, (Profiles.ConsentChannel)0],
            VisitedMerchantIds = ["ok", "not ok!"],
            MinMerchantsVisited = 0,
            NpsCategories = [(NpsCategory)9],
            Rfm = new RfmBands { RecencyDays = [30, 10, 60, 90], FrequencyPurchases = [1, 2, 3], MonetaryMinor = [1, 2, 3, 4], MaxMonetary = 6 },
        }));

        Assert.Equal(Refusal.Invalid("conditions.window_days", "conditions.consented_channels[1]", "conditions.consented_channels[2]",
            "conditions.visited_merchant_ids[1]", "conditions.min_merchants_visited", "conditions.nps_categories[0]",
            "conditions.rfm.recency_days[1]", "conditions.rfm.frequency_purchases", "conditions.rfm.max_monetary"), refusal);
        Assert.Equal(Refusal.Invalid("conditions.rfm"), program.Refuses(Define(program, "no-bounds", new SegmentConditions
        {
            WindowDays = 30, Rfm = new RfmBands { RecencyDays = [1, 2, 3, 4], FrequencyPurchases = [1, 2, 3, 4], MonetaryMinor = [1, 2, 3, 4] },
        })));
        Assert.Empty(program.Rules.Segments);
    }

    [Fact]
    public void A_flip_looked_for_before_a_bound_is_the_first_flip_when_it_comes_before_the_bound_and_none_otherwise()
    {
        var member = Member(new RulesBuilder().Rules);
        for (var i = 0; i < 6; i++)
        {
            member.Buy(new Basket().Line("a", 1, 1_000 * (i + 1)));
            member.Advance(Day * 3);
            member.ApplyDue();
        }
        SegmentConditions[] conditions =
        [
            new() { WindowDays = 10, MinPurchases = 2 },
            new() { WindowDays = 30, MinSpendMinor = 15_000, MaxPurchases = 5 },
            new() { MinDaysSinceLastPurchase = 7 },
            new() { WindowDays = 365, Rfm = new RfmBands { RecencyDays = [1, 2, 5, 9], FrequencyPurchases = [1, 2, 3, 4], MonetaryMinor = [1, 2, 3, 4], MinRecency = 3 } },
        ];

        foreach (var c in conditions)
        {
            var first = MemberSegments.FlipsAt(member.State, c, member.Now);
            Assert.NotNull(first);
            foreach (var bound in new[] { member.Now + TimeSpan.FromHours(1), first!.Value, first.Value + TimeSpan.FromTicks(1), member.Now + Day * 400 })
            {
                Assert.Equal(first < bound ? first : null, MemberSegments.FlipsAt(member.State, c, member.Now, bound));
            }
        }
    }

    [Fact]
    public void A_promotion_for_a_segment_applies_only_to_members_in_it()
    {
        var program = Program();
        Assert.Equal(Refusal.Invalid("segment_ids[0]"), program.Refuses(program.PromotionRequest("vip-double",
            new BonusMultiplierRule(200, ItemScope.AllItems)) with { SegmentIds = ["nope"] }));
        program.Do(program.PromotionRequest("vip-double", new BonusMultiplierRule(200, ItemScope.AllItems)) with { SegmentIds = ["big"] });
        var inside = Member(program.Rules, "inside");
        var outside = Member(program.Rules, "outside");
        inside.Buy(new Basket().Line("a", 1, 6_000));
        inside.Buy(new Basket().Line("b", 1, 5_000));
        Assert.Equal(["big"], inside.State.Segments);

        var member = inside.Buy(new Basket().Line("c", 1, 1_000));
        var other = outside.Buy(new Basket().Line("c", 1, 1_000));

        Assert.True(member.Used("vip-double"));
        Assert.Equal(200, member.Points);
        Assert.False(other.Used("vip-double"));
        Assert.Equal(100, other.Points);
        Assert.Equal("NOT_IN_SEGMENT", PromotionEligibility.WhyNot(program.Rules.Promotion("vip-double")!, program.Rules, outside.State, outside.Now)?.Reason);
    }

    [Fact]
    public void A_later_review_time_is_kept_until_it_passes_so_a_purchase_writes_no_extra_event()
    {
        var program = new RulesBuilder();
        program.Do(Define(program, "lapsed", new SegmentConditions { MinDaysSinceLastPurchase = 60 }));
        var member = Member(program.Rules);
        member.Buy(new Basket().Line("a", 1, 1_000));
        Assert.Equal(Start + Day * 60, member.State.SegmentsReviewAt);

        member.Advance(Day * 5);
        var later = member.Handle(member.PurchaseOf(new Basket().Line("b", 1, 1_000)));

        Assert.Empty(later.NewEvents.OfType<SegmentsChanged>());
        member.Now = Start + Day * 60;
        var review = Assert.IsType<SegmentsChanged>(Assert.Single(member.ApplyDue()));
        Assert.Empty(review.Entered);
        Assert.Empty(review.Left);
        Assert.Equal(Start + Day * 65, review.ReviewAt);
        Assert.Empty(member.State.Segments);
    }

    [Fact]
    public void An_event_rule_for_a_segment_refuses_members_outside_it_and_a_benefit_for_one_is_eligible_only_inside()
    {
        var program = Program();
        var rule = new EventRule("store_checkin", "Store check-in", 10, EventCapPeriod.Day, 5, null, null, []) { SegmentIds = ["big"] };
        Assert.Equal(Refusal.Invalid("event_rule.segment_ids[0]"), program.Refuses(new UpsertEventRule(program.NextRequestId(), RulesBuilder.ProgramId,
            RulesBuilder.Admin, rule with { SegmentIds = ["nope"] })));
        program.Do(new UpsertEventRule(program.NextRequestId(), RulesBuilder.ProgramId, RulesBuilder.Admin, rule));
        program.Do(new LoyaltyGrid.Domain.Benefits.PublishBenefit(program.NextRequestId(), RulesBuilder.ProgramId, RulesBuilder.Admin, "lounge", "Lounge",
            LoyaltyGrid.Domain.Benefits.BenefitKind.BonusPoints, 0, 0, LoyaltyGrid.Domain.Benefits.FreeService.None, 50, PromotionTarget.Everyone, null, Start.AddDays(30), [])
        { SegmentIds = ["big"] });
        var inside = Member(program.Rules, "inside");
        var outside = Member(program.Rules, "outside");
        inside.Buy(new Basket().Line("a", 1, 6_000));
        inside.Buy(new Basket().Line("b", 1, 5_000));
        RecordEvent Checkin(TestMember m) => new(m.NextRequestId(), TestMember.ProgramId, m.MemberId, "store_checkin", null, "key:k1 (till)");

        var recorded = (EventRecorded)inside.Handle(Checkin(inside)).Result;

        Assert.Equal(10, recorded.Points);
        Assert.Equal(Refusal.Precondition("EVENT_RULE_NOT_FOR_SEGMENT"), outside.Refuses(Checkin(outside)));
        Assert.Equal(["lounge"], LoyaltyGrid.Domain.Benefits.BenefitEligibility.Eligible(program.Rules, inside.State, "merchant-1", inside.Now).Select(b => b.BenefitId));
        Assert.Empty(LoyaltyGrid.Domain.Benefits.BenefitEligibility.Eligible(program.Rules, outside.State, "merchant-1", outside.Now));
    }
}
