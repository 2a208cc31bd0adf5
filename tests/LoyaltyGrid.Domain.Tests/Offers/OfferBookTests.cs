using LoyaltyGrid.Domain.Offers;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.Offers;

/// <summary>Offer definitions (<see cref="OfferBook"/>), targeting and a member's responses (<see cref="MemberOffersBook"/>).</summary>
public sealed class OfferBookTests
{
    private readonly RulesBuilder rules = new RulesBuilder().Tier("base", 0).Tier("gold", 100_000)
        .Promotion("five-off", new CouponRule(500, 0, 0))
        .Promotion("double", new FirstPurchaseRule(100));
    private readonly Dictionary<string, OfferState> states = [];
    private readonly MemberOffersState member = new();
    private readonly DateTimeOffset now = TestClock.Start;
    private int requests;

    private CreateOffer Create(string offerId = "double-week", OfferKind? kind = OfferKind.BonusPoints, long points = 500, string? promotionId = null,
        string? rewardId = null, IReadOnlyList<string>? members = null, IReadOnlyList<string>? tiers = null, IReadOnlyList<string>? segments = null,
        DateTimeOffset? validFrom = null, DateTimeOffset? validUntil = null, int cap = 1, string? requestId = null) =>
        new(requestId ?? $"req-{++requests}", RulesBuilder.ProgramId, "admin@test", offerId, "Double week", null, kind, points, promotionId, rewardId,
            members ?? ["member-1"], tiers ?? [], segments ?? [], validFrom, validUntil ?? now.AddDays(7), cap, 1000, 0);

    /// <summary>The first offer's state (each offer has a stream of its own).</summary>
    private OfferState state => State("double-week");

    private OfferState State(string offerId) => states.TryGetValue(offerId, out var s) ? s : states[offerId] = new OfferState();

    private Offer Define(CreateOffer command, bool rewardExists = false)
    {
        var state = State(command.OfferId);
        var (created, answer) = OfferBook.Create(state, rules.Rules, command, rewardExists, now);
        if (created is not null)
        {
            state.Apply(created, state.Version + 1);
        }
        return answer;
    }

    private static Refusal Refused(Action act) => Refusal.Of(Assert.Throws<LoyaltyException>(act).Error);

    private OfferResponsePlan Respond(Offer offer, string memberId, OfferResponse response, string? tier = null, DateTimeOffset? at = null)
    {
        var command = new RespondToOffer($"req-{++requests}", RulesBuilder.ProgramId, memberId, offer.OfferId, response, "app");
        var plan = MemberOffersBook.Decide(member, command, offer, new MemberFacts(memberId, tier), at ?? now);
        member.Apply(new MemberOfferResponded(offer.OfferId, plan.Response, plan.Acceptance, offer.ValidUntil, 0, null, null, "app", plan.FirstForMember)
        {
            RequestId = command.RequestId, Fingerprint = plan.Fingerprint, RecordedAt = at ?? now,
        }, member.Version + 1);
        return plan;
    }

    [Fact]
    public void A_created_offer_is_answered_again_for_a_retry_and_refused_for_another_body_or_a_second_create()
    {
        var create = Create(requestId: "req-create");
        var offer = Define(create);

        Assert.Equal(offer, Define(create));
        Assert.Equal((OfferKind.BonusPoints, 500L, now, 1), (offer.Kind, offer.BonusPoints, offer.ValidFrom, offer.PerMemberCap));
        Assert.Equal(Refusal.AlreadyExists("REQUEST_ID_REUSED"), Refused(() => Define(Create(points: 600, requestId: "req-create"))));
        Assert.Equal(Refusal.AlreadyExists("OFFER_ALREADY_EXISTS"), Refused(() => Define(Create())));
        Assert.Equal(1, state.Version);
    }

    [Fact]
    public void Bad_fields_are_refused_together_and_unknown_segments_are_not_found()
    {
        var refusal = Refused(() => Define(Create(kind: null, members: ["ok", "bad id", "ok"], segments: ["vip"], cap: 0) with { ValidUntil = null }));
        var segments = Assert.Throws<LoyaltyException>(() => Define(Create(segments: ["vip"]))).Error;

        Assert.Equal(Refusal.Invalid("per_member_cap", "kind", "member_ids[1]", "valid_until"), refusal);
        Assert.Equal((ErrorKind.NotFound, "SEGMENT_NOT_FOUND"), (segments.Kind, segments.Reason));
        Assert.Equal(Refusal.Invalid("member_ids[1]"), Refused(() => Define(Create(members: ["m-1", "m-1"]))));
        Assert.Equal(Refusal.Invalid("bonus_points.points"), Refused(() => Define(Create(points: 0))));
        Assert.Equal(Refusal.Invalid("member_ids"), Refused(() => Define(Create(members: [.. Enumerable.Range(0, 10_001).Select(i => $"m-{i}")]))));
        Assert.Equal(Refusal.Invalid("valid_until"), Refused(() => Define(Create(validUntil: now.AddDays(367)))));
        Assert.Equal(Refusal.Invalid("valid_until"), Refused(() => Define(Create(validFrom: now.AddDays(2), validUntil: now.AddDays(1)))));
        Assert.Equal(0, state.Version);
    }

    [Fact]
    public void A_coupon_offer_needs_a_coupon_promotion_a_reward_offer_a_reward_and_tiers_must_exist()
    {
        Assert.Equal(Refusal.NotFound("PROMOTION_NOT_FOUND"), Refused(() => Define(Create(kind: OfferKind.Coupon, promotionId: "none"))));
        Assert.Equal(Refusal.Precondition("NOT_A_COUPON_PROMOTION"), Refused(() => Define(Create(kind: OfferKind.Coupon, promotionId: "double"))));
        Assert.Equal(Refusal.NotFound("REWARD_NOT_FOUND"), Refused(() => Define(Create(kind: OfferKind.Reward, rewardId: "coffee"))));
        Assert.Equal(Refusal.NotFound("TIER_NOT_FOUND"), Refused(() => Define(Create(tiers: ["platinum"]))));

        var coupon = Define(Create(kind: OfferKind.Coupon, points: 999, promotionId: "five-off"));
        Assert.Equal(("five-off", 0L, (string?)null), (coupon.PromotionId, coupon.BonusPoints, coupon.RewardId));
    }

    [Fact]
    public void Targeting_names_members_or_tiers_and_no_targets_means_everyone()
    {
        var named = Define(Create(offerId: "named", members: ["member-1"], tiers: ["gold"]));
        var everyone = Define(Create(offerId: "everyone", members: []));

        Assert.True(OfferTargeting.Allows(named, new MemberFacts("member-1", null)));
        Assert.True(OfferTargeting.Allows(named, new MemberFacts("member-2", "gold")));
        Assert.False(OfferTargeting.Allows(named, new MemberFacts("member-2", "base")));
        Assert.False(OfferTargeting.Allows(named, new MemberFacts("member-3", null)));
        Assert.True(OfferTargeting.Allows(everyone, new MemberFacts("anyone", null)));
    }

    [Fact]
    public void Targeting_a_segment_takes_its_members_and_only_them()
    {
        var regulars = Define(Create(offerId: "regulars", members: [])) with { SegmentIds = ["regulars"] };

        Assert.True(OfferTargeting.Allows(regulars, new MemberFacts("member-1", null) { SegmentIds = ["vip", "regulars"] }));
        Assert.False(OfferTargeting.Allows(regulars, new MemberFacts("member-2", "gold") { SegmentIds = ["vip"] }));
        Assert.False(OfferTargeting.Allows(regulars, new MemberFacts("member-3", null)));
    }

    [Fact]
    public void A_member_accepts_up_to_the_cap_then_is_refused_and_shown_and_declined_count_once()
    {
        var offer = Define(Create(cap: 2));

        var shown = Respond(offer, "member-1", OfferResponse.Shown);
        var shownAgain = Respond(offer, "member-1", OfferResponse.Shown);
        var first = Respond(offer, "member-1", OfferResponse.Accepted);
        var second = Respond(offer, "member-1", OfferResponse.Accepted);
        var versionBefore = member.Version;
        var capped = Refused(() => Respond(offer, "member-1", OfferResponse.Accepted));

        Assert.Equal((true, false), (shown.FirstForMember, shownAgain.FirstForMember));
        Assert.Equal((1, true, 2, false), (first.Acceptance, first.FirstForMember, second.Acceptance, second.FirstForMember));
        Assert.Equal(Refusal.Precondition("OFFER_CAP_REACHED"), capped);
        Assert.Equal(versionBefore, member.Version);
        Assert.False(MemberOffersBook.Open(member, offer, new MemberFacts("member-1", null), now));
    }

    [Fact]
    public void An_offer_is_refused_before_it_starts_after_it_ends_and_to_a_member_it_does_not_target()
    {
        var offer = Define(Create(validFrom: now.AddDays(1), validUntil: now.AddDays(3)));

        Assert.Equal(Refusal.Precondition("OFFER_NOT_STARTED"), Refused(() => Respond(offer, "member-1", OfferResponse.Accepted)));
        Assert.Equal(Refusal.Precondition("OFFER_EXPIRED"), Refused(() => Respond(offer, "member-1", OfferResponse.Accepted, at: now.AddDays(3))));
        Assert.Equal(Refusal.Precondition("OFFER_NOT_FOR_MEMBER"),
            Refused(() => Respond(offer, "member-9", OfferResponse.Accepted, at: now.AddDays(2))));
        Assert.Equal(0, member.Version);
    }

    [Fact]
    public void A_declined_offer_is_no_longer_open_and_a_retry_of_a_response_is_a_replay()
    {
        var offer = Define(Create());
        var command = new RespondToOffer("req-decline", RulesBuilder.ProgramId, "member-1", offer.OfferId, OfferResponse.Declined, "app");
        var plan = MemberOffersBook.Decide(member, command, offer, new MemberFacts("member-1", null), now);
        member.Apply(new MemberOfferResponded(offer.OfferId, plan.Response, 0, offer.ValidUntil, 0, null, null, "app", true)
            { RequestId = command.RequestId, Fingerprint = plan.Fingerprint, RecordedAt = now }, 1);

        Assert.False(MemberOffersBook.Open(member, offer, new MemberFacts("member-1", null), now));
        Assert.Equal(1L, MemberOffersBook.ReplayOf(member, command, now));
        Assert.Equal(Refusal.AlreadyExists("REQUEST_ID_REUSED"),
            Refused(() => MemberOffersBook.ReplayOf(member, command with { Response = OfferResponse.Accepted }, now)));
    }

    [Fact]
    public void A_member_forgets_an_offer_after_it_ends_so_the_state_is_bounded_by_live_offers()
    {
        var offer = Define(Create(validUntil: now.AddDays(1)));
        Respond(offer, "member-1", OfferResponse.Shown);
        var later = Define(Create(offerId: "later", validUntil: now.AddDays(30)));

        Respond(later, "member-1", OfferResponse.Shown, at: now.AddDays(2));

        Assert.Equal(["later"], member.Offers.Keys);
    }

    [Fact]
    public void Counts_are_taken_once_per_key_and_only_first_responses_count_members()
    {
        Define(Create());
        void Count(string key, string memberId, OfferResponse response, bool first)
        {
            if (OfferBook.Count(state, key, memberId, response, first, now) is { } counted)
            {
                state.Apply(counted, state.Version + 1);
            }
        }

        Count("m-1:1", "m-1", OfferResponse.Shown, true);
        Count("m-1:1", "m-1", OfferResponse.Shown, true);
        Count("m-2:1", "m-2", OfferResponse.Shown, true);
        Count("m-1:2", "m-1", OfferResponse.Accepted, true);
        Count("m-1:3", "m-1", OfferResponse.Accepted, false);
        Count("m-2:2", "m-2", OfferResponse.Declined, true);

        Assert.Equal(new OfferCounts(Shown: 2, Accepted: 2, AcceptedMembers: 1, Declined: 1, Redeemed: 2), state.Counts);
    }

    [Fact]
    public void The_member_set_is_per_list_so_copies_and_equality_are_unaffected_by_it()
    {
        var offer = Define(Create(members: ["member-1"]));
        Assert.True(OfferTargeting.Allows(offer, new MemberFacts("member-1", null)));

        var copy = offer with { MemberIds = ["member-2"] };

        Assert.False(OfferTargeting.Allows(copy, new MemberFacts("member-1", null)));
        Assert.True(OfferTargeting.Allows(copy, new MemberFacts("member-2", null)));
        Assert.Equal(offer, offer with { });
        Assert.Empty(offer.ForMember().MemberIds);
    }
}
