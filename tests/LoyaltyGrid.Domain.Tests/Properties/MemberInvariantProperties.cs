using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.Properties;

/// <summary>
/// Random histories of purchases, returns, redemptions, expiries and resent requests. After every step:
/// the balance is the sum of the statement, every event carries the balance after it, held points are the
/// open holds, no purchase gives back more than it earned, a resent request changes nothing, and without
/// negative balances nothing goes below zero.
/// </summary>
public sealed class MemberInvariantProperties
{
    [Property]
    public Property Invariants_hold_after_every_step_with_negative_balances_allowed() =>
        Prop.ForAll(MemberGenerators.Scenarios(allowNegativeBalance: true), scenario => { ScenarioRun.Play(scenario); });

    [Property]
    public Property Invariants_hold_after_every_step_without_negative_balances() =>
        Prop.ForAll(MemberGenerators.Scenarios(allowNegativeBalance: false), scenario => { ScenarioRun.Play(scenario); });

    [Property]
    public Property Purchase_then_full_return_in_pieces_leaves_available_and_net_earnings_as_before() =>
        Prop.ForAll(MemberGenerators.PurchasesReturnedInFull(), x =>
        {
            var run = ScenarioRun.Play(x.History);
            var member = run.Member;
            member.ExpireHolds(); // so that neither request below releases a hold on the way
            var before = (member.Balance.Available, member.Balance.LifetimeEarned - member.Balance.LifetimeReversed);

            var basket = new Basket();
            foreach (var line in x.Basket)
            {
                basket.Line(line.SkuName, line.Quantity, line.UnitPriceMinor);
            }
            var purchase = member.Buy(basket);
            var unit = 0;
            var pieces = new SortedDictionary<int, Dictionary<string, long>>();
            foreach (var line in x.Basket)
            {
                for (var i = 0; i < line.Quantity; i++)
                {
                    var index = x.Pieces[unit++];
                    if (!pieces.TryGetValue(index, out var piece))
                    {
                        pieces[index] = piece = [];
                    }
                    piece[line.SkuName] = piece.GetValueOrDefault(line.SkuName) + 1;
                }
            }
            var reversed = pieces.Values.Sum(piece =>
                member.Return(purchase.TransactionId, piece.Select(kv => (kv.Key, kv.Value)).ToArray()).Points);

            Assert.Equal(purchase.Points, reversed);
            Assert.Equal(before, (member.Balance.Available, member.Balance.LifetimeEarned - member.Balance.LifetimeReversed));
            run.CheckInvariants();
        });
}
