using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.Properties;

/// <summary>
/// Invariants under a program with tiers, a multiplier, a spend threshold, a punch card, buy-one-get-one, first,
/// repeat and cumulative purchase bonuses, pending points, expiry and reinstatements.
/// </summary>
public sealed class ProgramRulesProperties
{
    [Property(MaxTest = 200)]
    public Property Ledger_invariants_hold_after_every_step_as_time_passes() =>
        Prop.ForAll(RulesGenerators.Scenarios(), scenario => { RulesScenarioRun.Play(scenario); });

    [Property(MaxTest = 200)]
    public Property One_due_run_finds_everything_that_has_fallen_due() =>
        Prop.ForAll(RulesGenerators.Scenarios(), scenario =>
        {
            var run = new RulesScenarioRun(scenario);
            foreach (var operation in scenario.Operations)
            {
                run.Run(operation);
                if (operation.Kind == RulesOperationKind.Wait)
                {
                    Assert.Empty(run.Member.ApplyDue());
                }
            }
        });

    [Property(MaxTest = 200)]
    public Property Purchase_then_full_return_in_pieces_undoes_points_metric_and_promotion_uses() =>
        Prop.ForAll(RulesGenerators.PurchasesReturnedInFull(), x =>
        {
            var (before, after) = PurchaseAndReturnInPieces(x);

            Assert.Equal(before with { Card = 0 }, after with { Card = 0 });
        });

    [Property(MaxTest = 200)]
    public Property Purchase_then_full_return_in_pieces_undoes_the_punch_card() =>
        Prop.ForAll(RulesGenerators.PurchasesReturnedInFull(), x =>
        {
            var (before, after) = PurchaseAndReturnInPieces(x);

            Assert.Equal(before.Card, after.Card);
        });

    /// <summary>Plays the history, then buys the basket and returns it in its pieces; what the member looked like before and after.</summary>
    private static (Snapshot Before, Snapshot After) PurchaseAndReturnInPieces(RulesPurchaseAndFullReturn x)
    {
        var run = RulesScenarioRun.Play(x.History);
        var member = run.Member;
        member.ApplyDue(); // so that neither request below finds anything due on the way
        var before = Snapshot.Of(member);

        var purchase = member.Buy(RulesScenarioRun.BasketOf(x.Basket));
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
        var reversed = pieces.Values.Sum(piece => member.Return(purchase.TransactionId, piece.Select(kv => (kv.Key, kv.Value)).ToArray()).Points);

        Assert.Equal(purchase.Points, reversed);
        run.CheckInvariants();
        return (before, Snapshot.Of(member));
    }

    /// <summary>What a purchase returned in full must leave as it was: balances, tier metric, stamps and promotion uses.</summary>
    private sealed record Snapshot(long Available, long Pending, long NetEarned, long TierMetric, long Card, string Uses)
    {
        public static Snapshot Of(TestMember member)
        {
            var state = member.State;
            var b = state.Balance;
            return new Snapshot(b.Available, b.Pending, b.LifetimeEarned - b.LifetimeReversed,
                state.TierMetricAt(member.Rules.TierPolicy, member.Now), state.PunchProgress.GetValueOrDefault("card"),
                string.Join(" ", RulesScenario.PromotionIds.Select(id => $"{id}={state.PromotionUses.GetValueOrDefault(id)}")));
        }
    }
}
