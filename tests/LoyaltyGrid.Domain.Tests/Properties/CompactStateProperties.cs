using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain.Tests.Properties;

/// <summary>
/// Closing the books changes what a member keeps, never what it answers: on random histories over years, the compact
/// state and a reference model that keeps every purchase price, return and tier identically.
/// </summary>
public sealed class CompactStateProperties
{
    /// <summary>Short, so the random histories (sleeps of up to 120 days) close the books many times.</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(30);

    [Property(MaxTest = 200)]
    public Property Compact_state_answers_as_a_model_that_keeps_every_purchase() =>
        Prop.ForAll(RulesGenerators.Scenarios(), scenario =>
        {
            var compact = new RulesScenarioRun(scenario, Horizon);
            var reference = new RulesScenarioRun(scenario, Horizon, keepsEverything: true);
            foreach (var operation in scenario.Operations)
            {
                compact.Run(operation);
                reference.Run(operation);
                compact.CheckInvariants();
                Assert.Equal(Show(reference), Show(compact));
            }
            Assert.Equal(reference.Answers.Select(Answer), compact.Answers.Select(Answer));
            Assert.True(compact.Member.State.Purchases.Count <= reference.Member.State.Purchases.Count);
        });

    [Property(MaxTest = 50)]
    public Property Closing_the_books_keeps_only_what_is_open() =>
        Prop.ForAll(RulesGenerators.Scenarios(), scenario =>
        {
            var run = new RulesScenarioRun(scenario, Horizon);
            foreach (var operation in scenario.Operations)
            {
                run.Run(operation);
            }
            run.Member.ApplyDue();
            // Any event sweeps what the retention has passed (forgetting itself is by time, swept or not).
            run.Member.Handle(run.Member.PurchaseOf(new Builders.Basket().Line("sweep", 1, 100)));
            var state = run.Member.State;
            var closedBefore = run.Member.Now - Horizon - MemberAccount.CloseBooksEvery;
            // Nothing older than the horizon (and the weekly step) is kept, unless its points are still pending.
            Assert.All(state.Purchases.Values, p => Assert.True(p.OccurredAt >= closedBefore || p.PendingPoints > 0));
            Assert.All(state.Holds.Values, h => Assert.True(h.Status == HoldStatus.Open || h.ClosedAt >= run.Member.Now - state.RequestRetention - TimeSpan.FromHours(1)));
        });

    /// <summary>What a member shows: balance, tier, the metric and the counters rules read.</summary>
    private static string Show(RulesScenarioRun run)
    {
        var state = run.Member.State;
        var rules = run.Member.Rules;
        return $"{state.Balance} tier={state.Tier} metric={state.TierMetricAt(rules.TierPolicy, run.Member.Now)} " +
            $"kept={state.KeptPurchaseCount} last={state.LastKeptPurchaseAt:O} uses={string.Join(",", state.PromotionUses.OrderBy(u => u.Key).Select(u => $"{u.Key}:{u.Value}"))} " +
            $"cards={string.Join(",", state.PunchProgress.OrderBy(u => u.Key).Select(u => $"{u.Key}:{u.Value}"))} " +
            $"overview={MemberOverview.Of(state, rules, run.Member.Now) with { PunchCards = [] }}";
    }

    /// <summary>An answer without its ids (each run makes its own transaction, return and hold ids).</summary>
    private static string Answer(object answer) => answer switch
    {
        PurchaseRecorded p => $"purchase {p.Points} {p.BalanceAfter} {string.Join(",", p.Components.Select(c => $"{c.Rule}={c.Points}"))} {p.Tier}",
        ReturnRecorded r => $"return {r.Points} {r.WrittenOff} {r.RefundMinor} {r.BalanceAfter} {string.Join(",", r.Reversed.Select(c => $"{c.Rule}={c.Points}"))}",
        MemberEvent e => $"{e.GetType().Name} {e.BalanceAfter}",
        _ => $"refused {answer}",
    };
}
