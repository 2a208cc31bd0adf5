using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>The statement explains every point: one line per rule or promotion that earned, or that a return took back.</summary>
public sealed class PromotionLedgerTests
{
    private static RulesBuilder Program() => new RulesBuilder()
        .Tier("gold", 0, 150)
        .Promotion("double", new BonusMultiplierRule(200, new ItemScope(["coffee"], [])))
        .Promotion("big-basket", new SpendThresholdRule(2_000, 50));

    private static TestMember GoldMember(ProgramRules rules)
    {
        var member = TestMember.Enrolled(rules);
        member.Buy(new Basket().Line("sample", 1, 0)); // gold from the first purchase (threshold 0)
        return member;
    }

    [Fact]
    public void Purchase_is_one_statement_line_per_rule_that_earned()
    {
        var member = GoldMember(Program().Rules);

        var purchase = member.Buy(new Basket().Line("espresso", 1, 1_000, "coffee").Line("cake", 1, 1_000, "bakery"));

        var lines = LedgerEntry.From(4, purchase);
        Assert.Equal(
            [
                (LedgerEntryType.Purchase, "base-rate", (string?)null, 200L, 200L, 0L),
                (LedgerEntryType.Purchase, "tier:gold", null, 100L, 100L, 0L),
                (LedgerEntryType.Purchase, "promotion:double", "double", 100L, 100L, 0L),
                (LedgerEntryType.Purchase, "promotion:big-basket", "big-basket", 50L, 50L, 0L),
            ],
            lines.Select(e => (e.Type, e.Rule, e.PromotionId, e.Points, e.AvailableDelta, e.PendingDelta)));
        Assert.All(lines, e => Assert.Equal((purchase.TransactionId, purchase.RequestId, member.Balance), (e.TransactionId, e.RequestId, e.BalanceAfter)));
        Assert.Equal(4, lines.Select(e => e.Description).Distinct().Count());
        Assert.Equal(purchase.Points, lines.Sum(e => e.Points));
    }

    [Fact]
    public void Pending_purchase_lines_add_to_pending_and_a_return_takes_from_pending()
    {
        var program = new RulesBuilder()
            .Earning(new EarningRules { PendingPeriod = TimeSpan.FromDays(14) })
            .Promotion("double", new BonusMultiplierRule(200, ItemScope.AllItems));
        var member = TestMember.Enrolled(program.Rules);
        var purchase = member.Buy(new Basket().Line("a", 2, 1_000));

        var ret = member.Return(purchase.TransactionId, ("a", 1));

        Assert.Equal(
            [("base-rate", 200L, 0L, 200L), ("promotion:double", 200L, 0L, 200L)],
            LedgerEntry.From(2, purchase).Select(e => (e.Rule, e.Points, e.AvailableDelta, e.PendingDelta)));
        Assert.Equal(
            [("base-rate", -100L, 0L, -100L), ("promotion:double", -100L, 0L, -100L)],
            LedgerEntry.From(3, ret).Select(e => (e.Rule, e.Points, e.AvailableDelta, e.PendingDelta)));
    }

    [Fact]
    public void Return_that_cannot_go_negative_writes_off_what_it_could_not_take()
    {
        var program = new RulesBuilder(allowNegativeBalance: false).Promotion("double", new BonusMultiplierRule(200, ItemScope.AllItems));
        var member = TestMember.Enrolled(program.Rules);
        var purchase = member.Buy(new Basket().Line("a", 1, 1_000)); // 200
        member.Capture(member.Authorize(150).HoldId);

        var ret = member.ReturnAll(purchase);

        Assert.Equal((50L, 150L), (ret.Points, ret.WrittenOff));
        Assert.Equal(
            [("base-rate", -100L), ("promotion:double", -100L), ("write-off", 150L)],
            LedgerEntry.From(member.State.Version, ret).Select(e => (e.Rule, e.Points)));
        Assert.Equal(new Balance(LifetimeEarned: 200, LifetimeRedeemed: 150, LifetimeReversed: 50), member.Balance);
    }
}
