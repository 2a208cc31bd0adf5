using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>The Offers service over gRPC against the real silo: definitions, a member's ranked offers, responses and counts.</summary>
public sealed class OfferTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    private Offers.OffersClient Offers => new(silo.Silo.Channel);

    private static OfferDefinition Bonus(string offerId, long points, params string[] members)
    {
        var d = new OfferDefinition
        {
            OfferId = offerId,
            Name = $"{points} points on us",
            BonusPoints = new BonusPointsOffer { Points = points },
            ValidUntil = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(7)),
            PointValueMilliMinor = 1000,
        };
        d.MemberIds.AddRange(members);
        return d;
    }

    private static CreateOfferRequest Create(string program, OfferDefinition offer) =>
        new() { RequestId = NewId("req"), ProgramId = program, Offer = offer };

    private static RespondToOfferRequest Respond(string program, string member, string offerId, OfferResponse response) =>
        new() { RequestId = NewId("req"), ProgramId = program, MemberId = member, OfferId = offerId, Response = response };

    private async Task<GetMemberOffersResponse> MemberOffersAsync(string program, string member) =>
        await Offers.GetMemberOffersAsync(new GetMemberOffersRequest { ProgramId = program, MemberId = member });

    private async Task<OfferStats> StatsAsync(string program, string offerId) =>
        (await Offers.GetOfferStatsAsync(new GetOfferStatsRequest { ProgramId = program, OfferId = offerId })).Stats;

    private async Task<Balance> BalanceAsync(string program, string member) =>
        (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member.Balance;

    [Fact]
    public async Task Offers_for_named_members_are_ranked_with_reasons_and_a_member_not_named_sees_none()
    {
        var program = await CreateProgramAsync(silo);
        var (alice, bob) = (await EnrollAsync(silo, program), await EnrollAsync(silo, program));
        var create = Create(program, Bonus("small", 200, alice));

        var created = await Offers.CreateOfferAsync(create);
        var retried = await Offers.CreateOfferAsync(create);
        await Offers.CreateOfferAsync(Create(program, Bonus("big", 500, alice)));
        var aliceOffers = await MemberOffersAsync(program, alice);
        var bobOffers = await MemberOffersAsync(program, bob);

        Assert.Equal(created, retried);
        Assert.Equal(["big", "small"], aliceOffers.Offers.Select(o => o.Offer.OfferId));
        Assert.Equal("EUR", aliceOffers.Currency);
        Assert.Equal("as likely as average to be taken; worth ~5.00 EUR to you", aliceOffers.Offers[0].Reason);
        Assert.Equal((0.2, 500L, 100.0, 1), (aliceOffers.Offers[0].AcceptProbability, aliceOffers.Offers[0].MemberValueMinor,
            Math.Round(aliceOffers.Offers[0].ExpectedValueMinor, 6), aliceOffers.Offers[0].RemainingForMember));
        // A member sees the offer without the list of the other members it names.
        Assert.Empty(aliceOffers.Offers[0].Offer.MemberIds);
        Assert.Empty(bobOffers.Offers);
    }

    [Fact]
    public async Task Accepting_a_bonus_offer_credits_the_ledger_once_and_past_the_cap_is_refused_with_nothing_changed()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        await Offers.CreateOfferAsync(Create(program, Bonus("welcome", 500, member)));
        var accept = Respond(program, member, "welcome", OfferResponse.Accepted);

        var accepted = await Offers.RespondToOfferAsync(accept);
        var retried = await Offers.RespondToOfferAsync(accept);
        var balance = await BalanceAsync(program, member);
        var capped = await RefusedAsync(Offers.RespondToOfferAsync(Respond(program, member, "welcome", OfferResponse.Accepted)));
        var reused = await RefusedAsync(Offers.RespondToOfferAsync(new RespondToOfferRequest(accept) { Response = OfferResponse.Declined }));
        var ledger = await LedgerAsync(silo, program, member);

        Assert.Equal(new RespondToOfferResponse { OfferId = "welcome", Response = OfferResponse.Accepted, Acceptance = 1, Points = 500 }, accepted);
        Assert.Equal(accepted, retried);
        Assert.Equal((StatusCode.FailedPrecondition, "OFFER_CAP_REACHED"), (capped.Code, capped.Reason));
        Assert.Equal((StatusCode.AlreadyExists, "REQUEST_ID_REUSED"), (reused.Code, reused.Reason));
        Assert.Equal(500, balance.Available);
        Assert.Equal(balance, await BalanceAsync(program, member));
        var entry = Assert.Single(ledger, e => e.Type == LedgerEntryType.OfferBonus);
        Assert.Equal((500L, "offer-bonus", "500 points for accepting offer welcome"), (entry.Points, entry.Rule, entry.Description));
        Assert.Empty((await MemberOffersAsync(program, member)).Offers);
        Assert.Equal(new OfferStats { Accepted = 1, AcceptedMembers = 1, Redeemed = 1, AcceptProbability = 2.0 / 6 }, await StatsAsync(program, "welcome"));
    }

    [Fact]
    public async Task Shown_and_declined_are_counted_once_per_member_and_a_declined_offer_is_no_longer_listed()
    {
        var program = await CreateProgramAsync(silo);
        var (alice, bob, carol) = (await EnrollAsync(silo, program), await EnrollAsync(silo, program), await EnrollAsync(silo, program));
        await Offers.CreateOfferAsync(Create(program, Bonus("spring", 100, alice, bob, carol)));

        foreach (var member in new[] { alice, bob, carol })
        {
            await Offers.RespondToOfferAsync(Respond(program, member, "spring", OfferResponse.Shown));
        }
        await Offers.RespondToOfferAsync(Respond(program, alice, "spring", OfferResponse.Shown));
        var declined = await Offers.RespondToOfferAsync(Respond(program, bob, "spring", OfferResponse.Declined));
        await Offers.RespondToOfferAsync(Respond(program, bob, "spring", OfferResponse.Declined));
        await Offers.RespondToOfferAsync(Respond(program, carol, "spring", OfferResponse.Accepted));

        Assert.Equal(new RespondToOfferResponse { OfferId = "spring", Response = OfferResponse.Declined }, declined);
        Assert.Empty((await MemberOffersAsync(program, bob)).Offers);
        Assert.Single((await MemberOffersAsync(program, alice)).Offers);
        Assert.Equal(0, (await BalanceAsync(program, bob)).Available);
        // (1 + 1) / (3 + 5)
        Assert.Equal(new OfferStats { Shown = 3, Accepted = 1, AcceptedMembers = 1, Declined = 1, Redeemed = 1, AcceptProbability = 0.25 },
            await StatsAsync(program, "spring"));
    }

    [Fact]
    public async Task Accepting_a_coupon_offer_issues_a_code_for_the_member_that_discounts_their_purchase()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        await silo.Programs.CreatePromotionAsync(new CreatePromotionRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            PromotionId = "five-off",
            Name = "Five off",
            StartsAt = Timestamp.FromDateTime(DateTime.UtcNow.AddMinutes(-1)),
            EndsAt = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(30)),
            Coupon = new CouponRule { DiscountMinor = 500 },
        });
        var offer = new OfferDefinition
        {
            OfferId = "five-off-for-you",
            Name = "5 EUR off your next visit",
            Coupon = new CouponOffer { PromotionId = "five-off" },
            ValidUntil = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(7)),
            MemberIds = { member },
        };
        await Offers.CreateOfferAsync(Create(program, offer));

        var listed = Assert.Single((await MemberOffersAsync(program, member)).Offers);
        var accepted = await Offers.RespondToOfferAsync(Respond(program, member, "five-off-for-you", OfferResponse.Accepted));
        var purchase = Purchase(program, member, ("sku-1", 1, 3000));
        purchase.CouponCodes.Add(accepted.CouponCode);
        var bought = await silo.Checkout.RecordPurchaseAsync(purchase);

        Assert.Equal("as likely as average to be taken; worth ~5.00 EUR to you", listed.Reason);
        Assert.NotEqual("", accepted.CouponCode);
        Assert.Equal(new CouponResult { Code = accepted.CouponCode, Accepted = true, PromotionId = "five-off", DiscountMinor = 500 },
            Assert.Single(bought.Coupons));
        Assert.Equal(500, bought.DiscountTotalMinor);
        Assert.Equal(1, (await StatsAsync(program, "five-off-for-you")).Redeemed);
    }

    [Fact]
    public async Task Bad_definitions_are_refused_with_their_fields_and_nothing_is_created()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        var bad = Bonus("bad", 0, member, member);
        bad.SegmentIds.Add("vip");
        bad.ValidUntil = null;

        var invalid = await RefusedAsync(Offers.CreateOfferAsync(Create(program, bad)));
        var segments = await Assert.ThrowsAsync<RpcException>(async () =>
            await Offers.CreateOfferAsync(Create(program, new OfferDefinition(Bonus("seg", 10)) { SegmentIds = { "vip" } })));
        await Offers.CreateOfferAsync(Create(program, Bonus("ok", 10, member)));
        var duplicate = await RefusedAsync(Offers.CreateOfferAsync(Create(program, Bonus("ok", 10, member))));
        var noCoupon = await RefusedAsync(Offers.CreateOfferAsync(Create(program,
            new OfferDefinition(Bonus("coupon", 1)) { Coupon = new CouponOffer { PromotionId = "none" } })));
        var unknown = await RefusedAsync(Offers.RespondToOfferAsync(Respond(program, member, "nope", OfferResponse.Accepted)));
        var listed = await Offers.ListOffersAsync(new ListOffersRequest { ProgramId = program });

        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST"), (invalid.Code, invalid.Reason));
        Assert.Equal(["offer.bonus_points.points", "offer.member_ids[1]", "offer.valid_until"], invalid.Fields);
        Assert.Equal(StatusCode.NotFound, segments.StatusCode);
        Assert.Contains("has no segment 'vip'", segments.Status.Detail);
        Assert.Equal((StatusCode.AlreadyExists, "OFFER_ALREADY_EXISTS"), (duplicate.Code, duplicate.Reason));
        Assert.Equal((StatusCode.NotFound, "PROMOTION_NOT_FOUND"), (noCoupon.Code, noCoupon.Reason));
        Assert.Equal((StatusCode.NotFound, "OFFER_NOT_FOUND"), (unknown.Code, unknown.Reason));
        var only = Assert.Single(listed.Offers);
        Assert.Equal(("ok", 1), (only.Offer.OfferId, only.MemberCount));
    }

    [Fact]
    public async Task A_reward_offer_for_a_tier_redeems_the_reward_for_its_members_only_and_a_refused_redemption_changes_nothing()
    {
        var program = await CreateProgramAsync(silo);
        await silo.Programs.UpsertTierAsync(new UpsertTierRequest
        {
            RequestId = NewId("req"), ProgramId = program, Tier = new Tier { TierId = "gold", Name = "Gold", Threshold = 1_000_000, EarnMultiplierPercent = 100 },
        });
        await new Rewards.RewardsClient(silo.Silo.Channel).CreateRewardAsync(RewardsTests.Create(program, RewardsTests.Discount("coffee", points: 300)));
        var (gold, plain) = (await RewardsTests.MemberWithAsync(silo, program, 400), await RewardsTests.MemberWithAsync(silo, program, 400));
        var poor = await EnrollAsync(silo, program);
        foreach (var member in new[] { gold, poor })
        {
            await silo.Members.AssignTierAsync(new AssignTierRequest
            {
                RequestId = NewId("req"), ProgramId = program, MemberId = member, TierId = "gold", Note = "Offer test",
            });
        }
        var offer = new OfferDefinition
        {
            OfferId = "coffee-for-gold",
            Name = "A coffee for our gold members",
            Reward = new RewardOffer { RewardId = "coffee" },
            TierIds = { "gold" },
            ValidUntil = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(7)),
            PointValueMilliMinor = 1000,
        };
        await Offers.CreateOfferAsync(Create(program, offer));

        var listed = Assert.Single((await MemberOffersAsync(program, gold)).Offers);
        var notListed = (await MemberOffersAsync(program, plain)).Offers;
        var notFor = await RefusedAsync(Offers.RespondToOfferAsync(Respond(program, plain, "coffee-for-gold", OfferResponse.Accepted)));
        var broke = await RefusedAsync(Offers.RespondToOfferAsync(Respond(program, poor, "coffee-for-gold", OfferResponse.Accepted)));
        var accepted = await Offers.RespondToOfferAsync(Respond(program, gold, "coffee-for-gold", OfferResponse.Accepted));

        Assert.Equal((300L, "as likely as average to be taken; worth ~3.00 EUR to you"), (listed.MemberValueMinor, listed.Reason));
        Assert.Empty(notListed);
        Assert.Equal((StatusCode.FailedPrecondition, "OFFER_NOT_FOR_MEMBER"), (notFor.Code, notFor.Reason));
        Assert.Equal((StatusCode.FailedPrecondition, "INSUFFICIENT_POINTS"), (broke.Code, broke.Reason));
        Assert.Equal((300L, 1), (accepted.Points, accepted.Acceptance));
        Assert.StartsWith("coffee.", accepted.RewardCode);
        Assert.Equal(100, (await BalanceAsync(program, gold)).Available);
        Assert.Equal(400, (await BalanceAsync(program, plain)).Available);
        // The refused member can still take it later: nothing of the refusal was recorded.
        Assert.Single((await MemberOffersAsync(program, poor)).Offers);
        Assert.Equal(new OfferStats { Accepted = 1, AcceptedMembers = 1, Redeemed = 1, AcceptProbability = 2.0 / 6 },
            await StatsAsync(program, "coffee-for-gold"));
    }
}
