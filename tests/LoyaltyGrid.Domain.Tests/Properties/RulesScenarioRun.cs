using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.Properties;

/// <summary>
/// Plays a history under the program rules the way the grain does: what has fallen due is applied before every
/// command and after time passes. Refusals are checked to change nothing; invariants are checked after every step.
/// </summary>
public sealed class RulesScenarioRun
{
    private readonly List<string> transactions = [];
    private readonly List<string> holds = [];

    public RulesScenarioRun(RulesScenario scenario, TimeSpan? returnHorizon = null, bool keepsEverything = false)
    {
        Program = scenario.Program(returnHorizon);
        Member = TestMember.Enrolled(Program.Rules, keepsEverything: keepsEverything);
        CheckInvariants();
    }

    /// <summary>What each command answered, in order: the event, or the refusal's reason.</summary>
    public List<object> Answers { get; } = [];

    public RulesBuilder Program { get; }

    public TestMember Member { get; }

    public static RulesScenarioRun Play(RulesScenario scenario)
    {
        var run = new RulesScenarioRun(scenario);
        foreach (var operation in scenario.Operations)
        {
            run.Run(operation);
            run.CheckInvariants();
        }
        return run;
    }

    public static Basket BasketOf(IEnumerable<GeneratedLine> lines)
    {
        var basket = new Basket();
        foreach (var line in lines)
        {
            if (RulesGenerators.IsDelivery(line))
            {
                basket.Delivery(line.SkuName, line.UnitPriceMinor);
            }
            else
            {
                basket.Line(line.SkuName, line.Quantity, line.UnitPriceMinor, RulesGenerators.CategoryOf(line), RulesGenerators.LabelsOf(line));
            }
        }
        return basket;
    }

    /// <summary>The program's event rules and consent bonus in every scenario (a reinstatement replaces the rules, so they are set again).</summary>
    private static readonly EventRule[] EventRules =
    [
        new("store_checkin", "Store check-in", 10, EventCapPeriod.Day, 2, null, null, []),
        new("review_written", "Review written", 25, EventCapPeriod.Week, 3, null, null, []),
        new("app_installed", "App installed", 100, EventCapPeriod.Once, 1, null, null, []),
    ];

    public void Run(RulesOperation operation)
    {
        switch (operation.Kind)
        {
            case RulesOperationKind.Wait:
                Member.At(Member.Now.AddDays(operation.Days).AddMinutes(operation.Minutes));
                break;
            case RulesOperationKind.Sleep:
                Member.Advance(TimeSpan.FromDays(operation.Days) + TimeSpan.FromMinutes(operation.Minutes));
                break;
            case RulesOperationKind.Purchase:
                // Every other purchase presents the member's oldest bounce-back coupon, if any.
                Try(Member.PurchaseOf(BasketOf(operation.Basket),
                    coupons: operation.Pick % 2 == 0 && Member.State.BounceBackCoupons is [var coupon, ..] ? [coupon.Code] : null));
                break;
            case RulesOperationKind.Return when transactions.Count > 0:
                var picked = transactions[operation.Pick % transactions.Count];
                if (!Member.State.Purchases.TryGetValue(picked, out var record) || record.OccurredAt < Member.Now - Member.Program.ReturnHorizon)
                {
                    // The books are closed on it (past the return horizon): refused, and nothing changes.
                    Member.ApplyDue();
                    Assert.Equal("RETURN_WINDOW_CLOSED", Member.RefusesWithError(Member.ReturnOf(picked, ("any", 1L))).Reason);
                    break;
                }
                var purchase = Member.PurchaseEvent(record.TransactionId);
                var lines = purchase.Lines
                    .Select((line, i) => (line.Sku, Quantity: Math.Min(operation.ReturnQuantities[i % operation.ReturnQuantities.Count], line.Quantity - record.Returned(line.Sku))))
                    .Where(line => line.Quantity > 0)
                    .ToArray();
                if (lines.Length > 0)
                {
                    Try(Member.ReturnOf(purchase.TransactionId, lines));
                }
                break;
            case RulesOperationKind.Authorize:
                Try(Member.AuthorizationOf(Math.Max(1, Member.Balance.Available * operation.Percent / 100)));
                break;
            case RulesOperationKind.Capture when holds.Count > 0:
                Try(Member.CaptureOf(holds[operation.Pick % holds.Count]));
                break;
            case RulesOperationKind.Void when holds.Count > 0:
                Try(Member.VoidOf(holds[operation.Pick % holds.Count]));
                break;
            case RulesOperationKind.ReinstateMember:
                Try(Member.ReinstatementOf());
                break;
            case RulesOperationKind.RecordEvent:
                Member.Rules = Member.Rules with { EventRules = EventRules, EngagementBonuses = new EngagementBonuses(0, 30) };
                Try(new RecordEvent(Member.NextRequestId(), TestMember.ProgramId, Member.MemberId, EventRules[operation.Pick % EventRules.Length].EventType,
                    null, "key:k1 (till)"));
                if (operation.Pick % 4 == 0 && CustomEvents.ConsentBonus(Member.State, Member.Rules, Member.NextRequestId(), Member.Now) is { } consent)
                {
                    Member.Apply([consent]);
                }
                break;
            case RulesOperationKind.ReinstateProgram:
                Program.Now = Member.Now;
                Program.ReinstateExpired(null, null);
                Member.Rules = Program.Rules;
                break;
        }
    }

    /// <summary>Applies what is due, as the grain does before a command, then handles the command.</summary>
    private void Try(IMemberCommand command)
    {
        Member.ApplyDue();
        var (version, balance) = (Member.State.Version, Member.Balance);
        MemberDecision decision;
        try
        {
            decision = Member.Handle(command);
        }
        catch (LoyaltyException refused)
        {
            Assert.Equal((version, balance), (Member.State.Version, Member.Balance));
            Answers.Add(refused.Error.Reason);
            return;
        }
        Answers.Add(decision.Result);
        foreach (var e in decision.NewEvents)
        {
            switch (e)
            {
                case PurchaseRecorded p: transactions.Add(p.TransactionId); break;
                case RedemptionAuthorized h: holds.Add(h.HoldId); break;
            }
        }
    }

    public void CheckInvariants()
    {
        var state = Member.State;
        var balance = state.Balance;
        var journal = Member.Journal;
        var rules = Member.Rules;

        // Every event carries the balance the member has right after it.
        Assert.All(journal, j => Assert.Equal(j.StateBalanceAfter, j.Event.BalanceAfter));

        // The total is the sum of the statement, and what was earned less what went out.
        var statement = journal.SelectMany(j => LedgerEntry.From(j.Sequence, j.Event)).ToArray();
        Assert.Equal(balance.Total, statement.Sum(e => e.Points));
        Assert.Equal((balance.Available, balance.Held, balance.Pending),
            (statement.Sum(e => e.AvailableDelta), statement.Sum(e => e.HeldDelta), statement.Sum(e => e.PendingDelta)));
        Assert.Equal(balance.Total, balance.LifetimeEarned - balance.LifetimeRedeemed - balance.LifetimeReversed
            - balance.LifetimeExpired + balance.LifetimeReinstated);

        // The lots hold what the member has, available or held; a debt (a balance below zero) has none.
        Assert.Equal(Math.Max(0, balance.Available + balance.Held), state.Lots.Sum(l => l.Remaining));
        Assert.Equal(state.Lots.Exists(l => l.ExpiresAt is not null), state.HasDatedLots);

        // Held is the open holds; pending is the purchases' pending points.
        Assert.Equal(state.Holds.Values.Where(h => h.Status == HoldStatus.Open).Sum(h => h.Points), balance.Held);
        Assert.Equal(state.Purchases.Values.Sum(p => p.PendingPoints), balance.Pending);
        Assert.Equal(state.Purchases.Values.Where(p => p.PendingPoints > 0).Select(p => p.TransactionId).Order(StringComparer.Ordinal),
            state.PendingUntil.Keys.Order(StringComparer.Ordinal));

        // Expired points are remembered until reinstated (each at most once) or the books close on them.
        var unreinstated = balance.LifetimeExpired - balance.LifetimeReinstated;
        if (state.ClosedBefore is null)
        {
            Assert.Equal(unreinstated, state.Expirations.Sum(x => x.Points));
        }
        Assert.InRange(state.Expirations.Sum(x => x.Points), 0, unreinstated);

        // A purchase's points are its components; no purchase gives back more than it earned, a full return all of it.
        var recorded = journal.Select(j => j.Event).OfType<PurchaseRecorded>().ToDictionary(p => p.TransactionId);
        foreach (var purchase in state.Purchases.Values)
        {
            var bought = Member.PurchaseEvent(purchase.TransactionId);
            Assert.Equal(purchase.Points, recorded[purchase.TransactionId].Components.Sum(c => c.Points));
            Assert.InRange(purchase.ReversedPoints, 0, purchase.Points);
            Assert.All(bought.Components, c => Assert.InRange(purchase.Returns?.ReversedByRule.GetValueOrDefault(c.Rule) ?? 0, 0, c.Points));
            Assert.InRange(purchase.PendingPoints, 0, purchase.Points - purchase.ReversedPoints);
            // What had already expired of its own points is not taken back again: together never more than it earned.
            Assert.InRange(purchase.AlreadyExpired, 0, purchase.Points - purchase.ReversedPoints);
            if (purchase.FullyReturned)
            {
                Assert.Equal(purchase.Points, purchase.ReversedPoints + purchase.AlreadyExpired);
            }
        }

        // The counters promotion targeting reads agree with the purchases.
        var returnedInFull = journal.Select(j => j.Event).OfType<ReturnRecorded>().Where(r => r.FullyReturned == true)
            .Select(r => r.TransactionId).ToHashSet();
        var kept = recorded.Values.Where(p => !returnedInFull.Contains(p.TransactionId)).ToArray();
        Assert.Equal(kept.Length, state.KeptPurchaseCount);
        Assert.Equal(kept.Select(p => (DateTimeOffset?)p.OccurredAt).Max(), state.LastKeptPurchaseAt);

        // Uses and stamps stay in range.
        Assert.All(state.PromotionUses, u => Assert.InRange(u.Value, 0, int.MaxValue));
        // A card owes at most the stamps it was ever given (returns after it paid out take them back).
        Assert.All(state.PunchProgress, p => Assert.InRange(p.Value,
            -recorded.Values.SelectMany(r => r.PunchLines).Where(l => l.PromotionId == p.Key).Sum(l => l.Stamped),
            ((PunchCardRule)rules.Promotion(p.Key)!.Rule).Required));

        // Without negative balances, available never drops below zero, not even inside a decision.
        if (!rules.Settings.AllowNegativeBalance)
        {
            Assert.All(journal, j => Assert.InRange(j.StateBalanceAfter.Available, 0, long.MaxValue));
        }
    }
}
