using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>The Rewards service over gRPC against the real silo: the catalogue, redemptions, refusals and cancellations.</summary>
public sealed class RewardsTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    private Rewards.RewardsClient Rewards => new(silo.Silo.Channel);

    public static RewardDefinition Discount(string rewardId, long points = 300, long stock = 10, int perMember = 0) => new()
    {
        RewardId = rewardId,
        Name = "5 EUR off",
        Kind = RewardKind.FixedDiscount,
        PointsCost = points,
        DiscountMinor = 500,
        Stock = stock,
        PerMemberLimit = perMember,
    };

    public static CreateRewardRequest Create(string program, RewardDefinition reward) =>
        new() { RequestId = NewId("req"), ProgramId = program, Reward = reward };

    public static RedeemRewardRequest Redeem(string program, string member, string rewardId) =>
        new() { RequestId = NewId("req"), ProgramId = program, MemberId = member, RewardId = rewardId };

    /// <summary>A member with <paramref name="points"/> available (a purchase at 10 points per EUR).</summary>
    public static async Task<string> MemberWithAsync(SiloFixture silo, string program, long points)
    {
        var member = await EnrollAsync(silo, program);
        await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("sku-1", 1, points * 10)));
        return member;
    }

    private async Task<Balance> BalanceAsync(string program, string member) =>
        (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member.Balance;

    private async Task<ListedReward> ListedAsync(string program, string member, string rewardId) =>
        (await Rewards.ListRewardsAsync(new ListRewardsRequest { ProgramId = program, MemberId = member })).Rewards
        .Single(r => r.Reward.Definition.RewardId == rewardId);

    [Fact]
    public async Task A_created_reward_is_read_back_whole_a_retry_answers_the_same_and_an_update_replaces_it()
    {
        var program = await CreateProgramAsync(silo);
        var definition = Discount("coffee");
        definition.Description = "A coffee's worth off";
        definition.ValidUntil = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(30));
        definition.CodeValidity = Duration.FromTimeSpan(TimeSpan.FromDays(7));
        var create = Create(program, definition);

        var created = await Rewards.CreateRewardAsync(create);
        var retried = await Rewards.CreateRewardAsync(create);
        var reused = await RefusedAsync(Rewards.CreateRewardAsync(new CreateRewardRequest(create) { Reward = Discount("coffee", points: 1) }));
        var again = await RefusedAsync(Rewards.CreateRewardAsync(Create(program, Discount("coffee"))));
        var update = Discount("coffee", points: 250, stock: 20, perMember: 2);
        update.Name = "Coffee off";
        var updated = await Rewards.UpdateRewardAsync(new UpdateRewardRequest { RequestId = NewId("req"), ProgramId = program, Reward = update });
        var listed = await Rewards.ListRewardsAsync(new ListRewardsRequest { ProgramId = program });

        Assert.Equal(created, retried);
        Assert.Equal(definition.ValidUntil, created.Reward.Definition.ValidUntil);
        Assert.Equal((10L, "A coffee's worth off", Duration.FromTimeSpan(TimeSpan.FromDays(7))),
            (created.Reward.StockLeft, created.Reward.Definition.Description, created.Reward.Definition.CodeValidity));
        Assert.Equal((StatusCode.AlreadyExists, "REQUEST_ID_REUSED"), (reused.Code, reused.Reason));
        Assert.Equal((StatusCode.AlreadyExists, "REWARD_ALREADY_EXISTS"), (again.Code, again.Reason));
        Assert.Equal(("Coffee off", 250L, 20L, 2, 20L), (updated.Reward.Definition.Name, updated.Reward.Definition.PointsCost,
            updated.Reward.Definition.Stock, updated.Reward.Definition.PerMemberLimit, updated.Reward.StockLeft));
        // valid_from left out keeps it; the update's own fields replace the rest (no end any more).
        Assert.Equal(created.Reward.Definition.ValidFrom, updated.Reward.Definition.ValidFrom);
        Assert.Null(updated.Reward.Definition.ValidUntil);
        var only = Assert.Single(listed.Rewards);
        Assert.Equal((updated.Reward.Definition, true, ""), (only.Reward.Definition, only.Redeemable, only.NotRedeemableReason));
    }

    [Fact]
    public async Task Bad_definitions_are_refused_with_their_fields_and_an_update_of_no_reward_is_not_found()
    {
        var program = await CreateProgramAsync(silo);
        var bad = new RewardDefinition { RewardId = "x", Name = "", Kind = RewardKind.PercentageDiscount, PointsCost = 0, DiscountPercent = 150, Sku = "s" };
        var partnerService = new RewardDefinition { RewardId = "spa", Name = "Spa", Kind = RewardKind.PartnerService, PointsCost = 10, Stock = 1, ServiceName = "Spa" };

        var invalid = await RefusedAsync(Rewards.CreateRewardAsync(Create(program, bad)));
        var noPartner = await RefusedAsync(Rewards.CreateRewardAsync(Create(program, partnerService)));
        partnerService.PartnerId = "merchant-1";
        var notCoalition = await RefusedAsync(Rewards.CreateRewardAsync(Create(program, partnerService)));
        var tiered = Discount("gold-only");
        tiered.TierIds.Add("gold");
        var noTier = await RefusedAsync(Rewards.CreateRewardAsync(Create(program, tiered)));
        var missing = await RefusedAsync(Rewards.UpdateRewardAsync(new UpdateRewardRequest { RequestId = NewId("req"), ProgramId = program, Reward = Discount("nope") }));
        await Rewards.CreateRewardAsync(Create(program, Discount("kind")));
        var product = new RewardDefinition { RewardId = "kind", Name = "Free", Kind = RewardKind.FreeProduct, Sku = "sku-9", PointsCost = 5, Stock = 1 };
        var kindChanged = await RefusedAsync(Rewards.UpdateRewardAsync(new UpdateRewardRequest { RequestId = NewId("req"), ProgramId = program, Reward = product }));
        var listed = await Rewards.ListRewardsAsync(new ListRewardsRequest { ProgramId = program });

        Assert.Equal(StatusCode.InvalidArgument, invalid.Code);
        Assert.Equal(["reward.name", "reward.points_cost", "reward.stock", "reward.discount_percent", "reward.sku"], invalid.Fields);
        Assert.Equal((StatusCode.InvalidArgument, "reward.partner_id"), (noPartner.Code, Assert.Single(noPartner.Fields)));
        Assert.Equal((StatusCode.FailedPrecondition, "NOT_A_COALITION"), (notCoalition.Code, notCoalition.Reason));
        Assert.Equal((StatusCode.NotFound, "TIER_NOT_FOUND"), (noTier.Code, noTier.Reason));
        Assert.Equal((StatusCode.NotFound, "REWARD_NOT_FOUND"), (missing.Code, missing.Reason));
        Assert.Equal((StatusCode.FailedPrecondition, "REWARD_KIND_CHANGED"), (kindChanged.Code, kindChanged.Reason));
        Assert.Equal(["kind"], listed.Rewards.Select(r => r.Reward.Definition.RewardId));
    }

    [Fact]
    public async Task A_member_list_says_which_rewards_they_may_redeem_and_why_not_for_the_others()
    {
        var program = await CreateProgramAsync(silo);
        await silo.Programs.UpsertTierAsync(new UpsertTierRequest
        {
            RequestId = NewId("req"), ProgramId = program, Tier = new Tier { TierId = "base", Name = "Base", Threshold = 0, EarnMultiplierPercent = 100 },
        });
        await silo.Programs.UpsertTierAsync(new UpsertTierRequest
        {
            RequestId = NewId("req"), ProgramId = program, Tier = new Tier { TierId = "gold", Name = "Gold", Threshold = 1_000_000_000, EarnMultiplierPercent = 100 },
        });
        var member = await MemberWithAsync(silo, program, 500);
        var gold = Discount("gold-only");
        gold.TierIds.Add("gold");
        var later = Discount("later");
        later.ValidFrom = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(3));
        var ended = Discount("ended");
        ended.ValidFrom = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(-3));
        ended.ValidUntil = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(-1));
        foreach (var reward in new[] { Discount("cheap", points: 100), Discount("dear", points: 5_000), gold, later, ended, Discount("once", points: 10, perMember: 1) })
        {
            await Rewards.CreateRewardAsync(Create(program, reward));
        }
        await Rewards.RedeemRewardAsync(Redeem(program, member, "once"));

        var listed = await Rewards.ListRewardsAsync(new ListRewardsRequest { ProgramId = program, MemberId = member });
        var paged = await Rewards.ListRewardsAsync(new ListRewardsRequest { ProgramId = program, MemberId = member, PageSize = 4 });
        var rest = await Rewards.ListRewardsAsync(new ListRewardsRequest { ProgramId = program, MemberId = member, PageSize = 4, PageToken = paged.NextPageToken });
        var stranger = await RefusedAsync(Rewards.ListRewardsAsync(new ListRewardsRequest { ProgramId = program, MemberId = NewId("mem") }));

        Assert.Equal(
            [("cheap", true, ""), ("dear", false, "INSUFFICIENT_POINTS"), ("gold-only", false, "REWARD_TIER_NOT_ELIGIBLE"),
                ("later", false, "REWARD_NOT_STARTED"), ("ended", false, "REWARD_ENDED"), ("once", false, "REWARD_LIMIT_REACHED")],
            listed.Rewards.Select(r => (r.Reward.Definition.RewardId, r.Redeemable, r.NotRedeemableReason)));
        Assert.All(listed.Rewards.Where(r => !r.Redeemable), r => Assert.NotEmpty(r.NotRedeemableMessage));
        Assert.Equal((490L, 1), (listed.MemberAvailablePoints, listed.Rewards[^1].MemberRedeemed));
        Assert.Equal(listed.Rewards, [.. paged.Rewards, .. rest.Rewards]);
        Assert.Equal("", rest.NextPageToken);
        Assert.Equal((StatusCode.NotFound, "MEMBER_NOT_FOUND"), (stranger.Code, stranger.Reason));
    }

    [Fact]
    public async Task A_reward_for_a_segment_is_redeemable_only_by_its_members_and_an_unknown_segment_is_refused()
    {
        var program = await CreateProgramAsync(silo);
        var segments = new Segments.SegmentsClient(silo.Silo.Channel);
        await segments.DefineSegmentAsync(new DefineSegmentRequest
        {
            RequestId = NewId("req"), ProgramId = program, SegmentId = "rich", Name = "Rich", Conditions = new SegmentConditions { MinPoints = 1_000 },
        });
        var lounge = Discount("lounge", points: 100);
        lounge.SegmentIds.Add("rich");
        var unknown = Discount("nowhere", points: 100);
        unknown.SegmentIds.Add("nobody");
        var rich = await MemberWithAsync(silo, program, 2_000);
        var poor = await MemberWithAsync(silo, program, 500);

        var noSegment = await RefusedAsync(Rewards.CreateRewardAsync(Create(program, unknown)));
        var created = await Rewards.CreateRewardAsync(Create(program, lounge));
        var listed = await ListedAsync(program, poor, "lounge");
        var refused = await RefusedAsync(Rewards.RedeemRewardAsync(Redeem(program, poor, "lounge")));
        var redeemed = await Rewards.RedeemRewardAsync(Redeem(program, rich, "lounge"));

        Assert.Equal((StatusCode.InvalidArgument, "reward.segment_ids[0]"), (noSegment.Code, Assert.Single(noSegment.Fields)));
        Assert.Equal(["rich"], created.Reward.Definition.SegmentIds);
        Assert.Equal((false, "REWARD_SEGMENT_NOT_ELIGIBLE"), (listed.Redeemable, listed.NotRedeemableReason));
        Assert.Equal((StatusCode.FailedPrecondition, "REWARD_SEGMENT_NOT_ELIGIBLE"), (refused.Code, refused.Reason));
        Assert.Equal(500L, (await BalanceAsync(program, poor)).Available);
        Assert.Equal((RewardRedemptionStatus.Issued, 1_900L), (redeemed.Redemption.Status, redeemed.AvailablePointsAfter));
        // The refused redemption gave its unit back: nine left of ten.
        Assert.Equal(9, (await Rewards.ListRewardsAsync(new ListRewardsRequest { ProgramId = program })).Rewards.Single().Reward.StockLeft);
    }

    [Fact]
    public async Task Redeeming_debits_the_points_takes_a_unit_issues_a_code_and_a_retry_answers_the_same()
    {
        var program = await CreateProgramAsync(silo);
        var member = await MemberWithAsync(silo, program, 1_000);
        await Rewards.CreateRewardAsync(Create(program, Discount("coffee", points: 300, stock: 10, perMember: 2)));
        await Rewards.CreateRewardAsync(Create(program, Discount("tea", points: 100, stock: 10)));
        var redeem = Redeem(program, member, "coffee");
        var redeemAgain = Redeem(program, member, "coffee");

        var redeemed = await Rewards.RedeemRewardAsync(redeem);
        var retried = await Rewards.RedeemRewardAsync(redeem);
        var second = await Rewards.RedeemRewardAsync(redeemAgain);
        var third = await RefusedAsync(Rewards.RedeemRewardAsync(Redeem(program, member, "coffee")));
        // The same request id for another reward: another grain, but the member's account knows the id.
        var reused = await RefusedAsync(Rewards.RedeemRewardAsync(new RedeemRewardRequest(redeem) { RewardId = "tea" }));
        var balance = await BalanceAsync(program, member);
        var ledger = await LedgerAsync(silo, program, member);
        var coffee = await ListedAsync(program, member, "coffee");
        var tea = await ListedAsync(program, member, "tea");

        Assert.Equal(redeemed, retried);
        Assert.Equal((RewardRedemptionStatus.Issued, 300L, 700L, member), (redeemed.Redemption.Status, redeemed.Redemption.Points,
            redeemed.AvailablePointsAfter, redeemed.Redemption.MemberId));
        Assert.StartsWith("coffee.", redeemed.Redemption.Code);
        Assert.Equal(17, redeemed.Redemption.Code.Length);
        Assert.NotEqual(redeemed.Redemption.Code, second.Redemption.Code);
        Assert.Equal(400L, second.AvailablePointsAfter);
        Assert.Equal(TimeSpan.FromDays(30), redeemed.Redemption.ExpiresAt.ToDateTimeOffset() - redeemed.Redemption.RedeemedAt.ToDateTimeOffset());
        Assert.Equal((StatusCode.FailedPrecondition, "REWARD_LIMIT_REACHED"), (third.Code, third.Reason));
        Assert.Equal((StatusCode.AlreadyExists, "REQUEST_ID_REUSED"), (reused.Code, reused.Reason));
        Assert.Equal((400L, 600L), (balance.Available, balance.LifetimeRedeemed));
        Assert.Equal([(-300L, "reward", redeemAgain.RequestId), (-300L, "reward", redeem.RequestId)],
            ledger.Where(e => e.Type == LedgerEntryType.RewardRedemption).Select(e => (e.Points, e.Rule, e.RequestId)));
        Assert.Equal((8L, 2, false, "REWARD_LIMIT_REACHED"), (coffee.Reward.StockLeft, coffee.MemberRedeemed, coffee.Redeemable, coffee.NotRedeemableReason));
        Assert.Equal((10L, 0, true), (tea.Reward.StockLeft, tea.MemberRedeemed, tea.Redeemable));
    }

    [Fact]
    public async Task A_refused_redemption_takes_neither_points_nor_stock()
    {
        var program = await CreateProgramAsync(silo);
        var member = await MemberWithAsync(silo, program, 200);
        await Rewards.CreateRewardAsync(Create(program, Discount("coffee", points: 300, stock: 1)));
        var before = await BalanceAsync(program, member);
        var ledgerBefore = await LedgerAsync(silo, program, member);
        var redeem = Redeem(program, member, "coffee");

        var poor = await RefusedAsync(Rewards.RedeemRewardAsync(redeem));
        var stranger = await RefusedAsync(Rewards.RedeemRewardAsync(Redeem(program, NewId("mem"), "coffee")));
        var noReward = await RefusedAsync(Rewards.RedeemRewardAsync(Redeem(program, member, "tea")));
        var invalid = await RefusedAsync(Rewards.RedeemRewardAsync(new RedeemRewardRequest { ProgramId = program, MemberId = member, RewardId = "a/b" }));
        var after = await BalanceAsync(program, member);
        var ledgerAfter = await LedgerAsync(silo, program, member);
        var listed = await ListedAsync(program, member, "coffee");
        // The refused request, retried once the member has the points, is decided again (a refusal is not
        // remembered) and takes the one unit, which is then gone for everyone else.
        await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("sku-1", 1, 1_000)));
        var retried = await Rewards.RedeemRewardAsync(redeem);
        var rich = await MemberWithAsync(silo, program, 300);
        var soldOut = await RefusedAsync(Rewards.RedeemRewardAsync(Redeem(program, rich, "coffee")));

        Assert.Equal((StatusCode.FailedPrecondition, "INSUFFICIENT_POINTS"), (poor.Code, poor.Reason));
        Assert.Equal((StatusCode.NotFound, "MEMBER_NOT_FOUND"), (stranger.Code, stranger.Reason));
        Assert.Equal((StatusCode.NotFound, "REWARD_NOT_FOUND"), (noReward.Code, noReward.Reason));
        Assert.Equal(StatusCode.InvalidArgument, invalid.Code);
        Assert.Equal(["request_id", "reward_id"], invalid.Fields);
        Assert.Equal(before, after);
        Assert.Equal(ledgerBefore, ledgerAfter);
        Assert.Equal((1L, false, "INSUFFICIENT_POINTS"), (listed.Reward.StockLeft, listed.Redeemable, listed.NotRedeemableReason));
        Assert.Equal((RewardRedemptionStatus.Issued, 0L), (retried.Redemption.Status, retried.AvailablePointsAfter));
        Assert.Equal((StatusCode.FailedPrecondition, "REWARD_OUT_OF_STOCK"), (soldOut.Code, soldOut.Reason));
        Assert.Equal(300L, (await BalanceAsync(program, rich)).Available);
    }

    [Fact]
    public async Task Cancelling_an_unused_code_gives_the_points_and_the_unit_back_once()
    {
        var program = await CreateProgramAsync(silo);
        var member = await MemberWithAsync(silo, program, 500);
        var other = await MemberWithAsync(silo, program, 500);
        await Rewards.CreateRewardAsync(Create(program, Discount("coffee", points: 300, stock: 1)));
        var redeemed = await Rewards.RedeemRewardAsync(Redeem(program, member, "coffee"));
        var cancel = new CancelRewardRedemptionRequest { RequestId = NewId("req"), ProgramId = program, MemberId = member, Code = redeemed.Redemption.Code };

        var notYours = await RefusedAsync(Rewards.CancelRewardRedemptionAsync(new CancelRewardRedemptionRequest(cancel) { RequestId = NewId("req"), MemberId = other }));
        var cancelled = await Rewards.CancelRewardRedemptionAsync(cancel);
        var retried = await Rewards.CancelRewardRedemptionAsync(cancel);
        var twice = await RefusedAsync(Rewards.CancelRewardRedemptionAsync(new CancelRewardRedemptionRequest(cancel) { RequestId = NewId("req") }));
        var notACode = await RefusedAsync(Rewards.CancelRewardRedemptionAsync(new CancelRewardRedemptionRequest(cancel) { Code = "coffee" }));
        var balance = await BalanceAsync(program, member);
        var ledger = await LedgerAsync(silo, program, member);
        // The unit is back: another member can take it.
        var taken = await Rewards.RedeemRewardAsync(Redeem(program, other, "coffee"));

        Assert.Equal((StatusCode.NotFound, "REWARD_CODE_NOT_FOUND"), (notYours.Code, notYours.Reason));
        Assert.Equal(cancelled, retried);
        Assert.Equal((RewardRedemptionStatus.Cancelled, 500L), (cancelled.Redemption.Status, cancelled.AvailablePointsAfter));
        Assert.NotNull(cancelled.Redemption.CancelledAt);
        Assert.Equal((StatusCode.FailedPrecondition, "REWARD_ALREADY_CANCELLED"), (twice.Code, twice.Reason));
        Assert.Equal((StatusCode.InvalidArgument, "code"), (notACode.Code, Assert.Single(notACode.Fields)));
        Assert.Equal((500L, 0L), (balance.Available, balance.LifetimeRedeemed));
        var refund = Assert.Single(ledger, e => e.Type == LedgerEntryType.RewardRefund);
        Assert.Equal((300L, "reward-refund"), (refund.Points, refund.Rule));
        Assert.Equal(200L, taken.AvailablePointsAfter);
    }

    [Fact]
    public async Task A_reward_code_is_accepted_once_at_checkout_and_a_used_code_cannot_be_cancelled()
    {
        var program = await CreateProgramAsync(silo);
        var member = await MemberWithAsync(silo, program, 1_000);
        var other = await MemberWithAsync(silo, program, 1_000);
        await Rewards.CreateRewardAsync(Create(program, Discount("fiver", points: 300, stock: 5)));
        var code = (await Rewards.RedeemRewardAsync(Redeem(program, member, "fiver"))).Redemption.Code;
        var balance = await BalanceAsync(program, member);

        var strangers = await silo.Checkout.RecordPurchaseAsync(WithCode(Purchase(program, other, ("sku-1", 1, 2_000)), code));
        var purchase = WithCode(Purchase(program, member, ("sku-1", 1, 2_000)), code);
        var used = await silo.Checkout.RecordPurchaseAsync(purchase);
        var retried = await silo.Checkout.RecordPurchaseAsync(purchase);
        var again = await silo.Checkout.RecordPurchaseAsync(WithCode(Purchase(program, member, ("sku-1", 1, 2_000)), code));
        var cancel = await RefusedAsync(Rewards.CancelRewardRedemptionAsync(
            new CancelRewardRedemptionRequest { RequestId = NewId("req"), ProgramId = program, MemberId = member, Code = code }));
        var after = await BalanceAsync(program, member);

        Assert.Equal((false, "COUPON_NOT_YOURS"), (Assert.Single(strangers.Coupons).Accepted, strangers.Coupons[0].Reason));
        var accepted = Assert.Single(used.Coupons);
        Assert.Equal((true, 500L, "reward:fiver"), (accepted.Accepted, accepted.DiscountMinor, accepted.PromotionId));
        Assert.Equal((500L, code, "reward:fiver"), (used.DiscountTotalMinor, Assert.Single(used.Discounts).CouponCode, used.Discounts[0].PromotionId));
        // 15.00 EUR paid: 150 points.
        Assert.Equal(150L, used.PointsEarned);
        Assert.Equal(used, retried);
        Assert.Equal((false, "COUPON_USED_UP", 0L), (Assert.Single(again.Coupons).Accepted, again.Coupons[0].Reason, again.DiscountTotalMinor));
        Assert.Equal((StatusCode.FailedPrecondition, "REWARD_CODE_USED"), (cancel.Code, cancel.Reason));
        Assert.Equal(balance.LifetimeRedeemed, after.LifetimeRedeemed);
        Assert.Equal(balance.Available + 150 + 200, after.Available);
    }

    [Fact]
    public async Task A_free_product_code_takes_one_unit_off_and_a_cancelled_code_is_refused_at_checkout()
    {
        var program = await CreateProgramAsync(silo);
        var member = await MemberWithAsync(silo, program, 1_000);
        await Rewards.CreateRewardAsync(Create(program, new RewardDefinition
        {
            RewardId = "latte", Name = "Free latte", Kind = RewardKind.FreeProduct, Sku = "latte", PointsCost = 200, Stock = 5,
        }));
        var first = (await Rewards.RedeemRewardAsync(Redeem(program, member, "latte"))).Redemption.Code;
        var second = (await Rewards.RedeemRewardAsync(Redeem(program, member, "latte"))).Redemption.Code;
        await Rewards.CancelRewardRedemptionAsync(new CancelRewardRedemptionRequest { RequestId = NewId("req"), ProgramId = program, MemberId = member, Code = second });

        var noLatte = await silo.Checkout.PreviewPurchaseAsync(WithCode(Purchase(program, member, ("bagel", 1, 300)), first));
        var latte = await silo.Checkout.RecordPurchaseAsync(WithCode(Purchase(program, member, ("bagel", 1, 300), ("latte", 2, 450)), first, second));

        Assert.Equal((false, "REWARD_PRODUCT_NOT_IN_BASKET"), (Assert.Single(noLatte.Coupons).Accepted, noLatte.Coupons[0].Reason));
        Assert.Equal([(first, true, "", 450L), (second, false, "REWARD_CODE_CANCELLED", 0L)],
            latte.Coupons.Select(c => (c.Code, c.Accepted, c.Reason, c.DiscountMinor)));
        var discount = Assert.Single(latte.Discounts);
        Assert.Equal(("latte", 1L, 450L), (discount.Sku, discount.Quantity, discount.AmountMinor));
    }

    private static RecordPurchaseRequest WithCode(RecordPurchaseRequest purchase, params string[] codes)
    {
        purchase.CouponCodes.AddRange(codes);
        return purchase;
    }
}
