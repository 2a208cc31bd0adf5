using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Rewards;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.Rewards;

/// <summary>A reward's stream decided by <see cref="RewardBook"/>: definitions, reservations, refusals and cancellations.</summary>
public sealed class RewardBookTests
{
    private readonly RulesBuilder rules = new RulesBuilder().Tier("base", 0).Tier("gold", 100_000);
    private readonly RewardState state = new();
    private DateTimeOffset now = TestClock.Start;
    private int requests;
    private int codes;

    private DefineReward Definition(long stock = 3, int perMember = 0, bool create = true, RewardKind kind = RewardKind.FixedDiscount,
        IReadOnlyList<string>? tiers = null, DateTimeOffset? validFrom = null, DateTimeOffset? validUntil = null, string? requestId = null) =>
        new(requestId ?? $"req-{++requests}", RulesBuilder.ProgramId, create, "admin@test", "coffee", "Coffee", "", kind, 300,
            kind == RewardKind.FreeProduct ? "sku-1" : null, kind == RewardKind.FixedDiscount ? 500 : 0, 0, null, null, 0, null, stock, perMember,
            validFrom, validUntil, tiers ?? [], null);

    private Reward Define(DefineReward command)
    {
        var (defined, answer) = RewardBook.Define(state, rules.Rules, command, now);
        if (defined is not null)
        {
            state.Apply(defined, state.Version + 1);
        }
        return answer;
    }

    private RewardRedemption Reserve(string member, string? requestId = null)
    {
        var (reserved, existing) = RewardBook.Reserve(state, new RedeemReward(requestId ?? $"req-{++requests}", RulesBuilder.ProgramId, member, "coffee"),
            $"{++codes:D10}", now);
        if (reserved is null)
        {
            return existing!;
        }
        state.Apply(reserved, state.Version + 1);
        return state.Redemptions[reserved.Code];
    }

    private void Apply(RewardEvent e) => state.Apply(e, state.Version + 1);

    private static Refusal Refused(Action action) => Refusal.Of(Assert.Throws<LoyaltyException>(action).Error);

    [Fact]
    public void A_reservation_takes_a_unit_and_a_refused_debit_gives_it_back_and_forgets_the_request()
    {
        Define(Definition(stock: 1));
        var first = Reserve("member-1", "req-r");
        Apply(new RewardReservationReleased(first.Code, "INSUFFICIENT_POINTS") { At = now });
        var again = Reserve("member-1", "req-r");

        Assert.Equal((RedemptionStatus.Reserved, 300L, now + Reward.DefaultCodeValidity), (first.Status, first.Points, first.ExpiresAt));
        Assert.Equal("coffee.0000000001", first.Code);
        // Decided again, as a new reservation: the refusal was not remembered.
        Assert.Equal("coffee.0000000002", again.Code);
        Assert.Equal((0L, 1), (state.StockLeft, state.TakenBy("member-1")));
    }

    [Fact]
    public void Stock_the_member_limit_and_the_window_refuse_in_that_order()
    {
        Define(Definition(stock: 2, perMember: 1, validFrom: now.AddDays(1), validUntil: now.AddDays(10)));

        var early = Refused(() => Reserve("member-1"));
        now = now.AddDays(2);
        var mine = Reserve("member-1");
        var limit = Refused(() => Reserve("member-1"));
        Reserve("member-2");
        var soldOut = Refused(() => Reserve("member-3"));
        now = now.AddDays(10);
        var ended = Refused(() => Reserve("member-3"));

        Assert.Equal(Refusal.Precondition("REWARD_NOT_STARTED"), early);
        Assert.Equal(RedemptionStatus.Reserved, mine.Status);
        Assert.Equal(Refusal.Precondition("REWARD_LIMIT_REACHED"), limit);
        Assert.Equal(Refusal.Precondition("REWARD_OUT_OF_STOCK"), soldOut);
        Assert.Equal(Refusal.Precondition("REWARD_ENDED"), ended);
    }

    [Fact]
    public void A_retry_answers_the_same_redemption_and_a_reused_request_id_is_refused()
    {
        Define(Definition());
        var first = Reserve("member-1", "req-r");
        Apply(new RewardIssued(first.Code, 700) { At = now });
        var retry = Reserve("member-1", "req-r");
        var otherMember = Reserve("member-2", "req-r");
        var reused = Refused(() => RewardBook.Reserve(state, new RedeemReward("req-r", RulesBuilder.ProgramId, "member-1", "tea"), "X", now));

        Assert.Equal((first.Code, RedemptionStatus.Issued, 700L), (retry.Code, retry.Status, retry.AvailableAfter));
        Assert.NotEqual(first.Code, otherMember.Code);
        Assert.Equal(Refusal.AlreadyExists("REQUEST_ID_REUSED"), reused);
    }

    [Fact]
    public void A_cancelled_code_returns_its_unit_once_and_an_expired_or_foreign_code_cannot_be_cancelled()
    {
        Define(Definition(stock: 1));
        var code = Reserve("member-1").Code;
        Apply(new RewardIssued(code, 700) { At = now });
        CancelRewardRedemption Cancel(string member, string? which = null) => new($"req-{++requests}", RulesBuilder.ProgramId, member, which ?? code);

        var foreign = Refused(() => RewardBook.Cancel(state, Cancel("member-2"), now));
        var (cancelled, _) = RewardBook.Cancel(state, Cancel("member-1"), now);
        Apply(cancelled!);
        var twice = Refused(() => RewardBook.Cancel(state, Cancel("member-1"), now));
        var next = Reserve("member-2").Code;
        Apply(new RewardIssued(next, 0) { At = now });
        now = now + Reward.DefaultCodeValidity;
        var expired = Refused(() => RewardBook.Cancel(state, Cancel("member-2", next), now));

        Assert.Equal(Refusal.NotFound("REWARD_CODE_NOT_FOUND"), foreign);
        Assert.Equal(Refusal.Precondition("REWARD_ALREADY_CANCELLED"), twice);
        Assert.Equal(Refusal.Precondition("REWARD_CODE_EXPIRED"), expired);
        Assert.Equal((0L, 0, 1), (state.StockLeft, state.TakenBy("member-1"), state.TakenBy("member-2")));
    }

    [Fact]
    public void Definitions_check_the_program_and_an_update_keeps_the_kind_and_the_units_taken()
    {
        var missing = Refused(() => Define(Definition(create: false)));
        var noTier = Refused(() => Define(Definition(tiers: ["platinum"])));
        Define(Definition(stock: 2, tiers: ["gold"]));
        Reserve("member-1");
        Reserve("member-2");
        var dup = Refused(() => Define(Definition()));
        var kind = Refused(() => Define(Definition(create: false, kind: RewardKind.FreeProduct)));
        var below = Refused(() => Define(Definition(create: false, stock: 1)));
        var bigger = Define(Definition(create: false, stock: 5));
        var invalid = Refused(() => Define(Definition(stock: 0) with { Name = "", CodeValidity = TimeSpan.FromMinutes(1) }));

        Assert.Equal(Refusal.NotFound("REWARD_NOT_FOUND"), missing);
        Assert.Equal(Refusal.NotFound("TIER_NOT_FOUND"), noTier);
        Assert.Equal(Refusal.AlreadyExists("REWARD_ALREADY_EXISTS"), dup);
        Assert.Equal(Refusal.Precondition("REWARD_KIND_CHANGED"), kind);
        Assert.Equal(Refusal.Precondition("REWARD_STOCK_BELOW_TAKEN"), below);
        Assert.Equal((5L, 3L, TestClock.Start), (bigger.Stock, state.StockLeft, bigger.ValidFrom));
        Assert.Equal(Refusal.Invalid("name", "stock", "code_validity"), invalid);
    }

    [Fact]
    public void The_member_account_refuses_a_reward_for_segments_it_is_not_in_and_takes_one_it_is_in()
    {
        var program = new RulesBuilder();
        program.Do(new DefineSegment(program.NextRequestId(), RulesBuilder.ProgramId, RulesBuilder.Admin, "regulars", "Regulars",
            new SegmentConditions { MinPoints = 400 }));
        var member = TestMember.Enrolled(program.Rules);
        member.Buy(new Basket().Line("sku-1", 1, 5_000));
        Assert.Equal(["regulars"], member.State.Segments);
        RedeemRewardPoints Debit(params string[] segments) =>
            new(member.NextRequestId(), RulesBuilder.ProgramId, member.MemberId, "lounge", $"lounge.{++codes:D10}", 100, [], null) { SegmentIds = segments };

        var outside = Refusal.Of(Assert.Throws<LoyaltyException>(() => member.Handle(Debit("vip"))).Error);
        var inside = (RewardRedeemed)member.Handle(Debit("vip", "regulars")).Result;

        Assert.Equal(Refusal.Precondition("REWARD_SEGMENT_NOT_ELIGIBLE"), outside);
        Assert.Equal(100, inside.Points);
    }

    [Fact]
    public void The_member_account_refuses_a_tier_it_is_not_in_and_points_it_lacks_and_a_refund_undoes_the_redemption()
    {
        var member = TestMember.Enrolled(rules.Rules);
        member.Buy(new Basket().Line("sku-1", 1, 5_000));
        RedeemRewardPoints Debit(long points, params string[] tiers) =>
            new(member.NextRequestId(), RulesBuilder.ProgramId, member.MemberId, "coffee", $"coffee.{++codes:D10}", points, tiers, null);

        var tier = Refusal.Of(Assert.Throws<LoyaltyException>(() => member.Handle(Debit(100, "gold"))).Error);
        var poor = Refusal.Of(Assert.Throws<LoyaltyException>(() => member.Handle(Debit(501))).Error);
        var redeemed = (RewardRedeemed)member.Handle(Debit(300, "base")).Result;
        var before = member.Balance;
        var refunded = (RewardRedemptionRefunded)member.Handle(new RefundRewardPoints(RefundRewardPoints.RequestIdOf(redeemed.Code),
            RulesBuilder.ProgramId, member.MemberId, "coffee", redeemed.Code, 300, null)).Result;

        Assert.Equal(Refusal.Precondition("REWARD_TIER_NOT_ELIGIBLE"), tier);
        Assert.Equal(Refusal.Precondition("INSUFFICIENT_POINTS"), poor);
        Assert.Equal((200L, 300L), (before.Available, before.LifetimeRedeemed));
        Assert.Equal((500L, 0L), (member.Balance.Available, member.Balance.LifetimeRedeemed));
        Assert.Equal(300L, refunded.Points);
    }
}
