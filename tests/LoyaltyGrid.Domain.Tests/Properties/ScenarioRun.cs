using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.Properties;

/// <summary>
/// Plays a generated history against one member, ignoring refusals (after checking they changed nothing),
/// and checks the member's invariants after every step.
/// </summary>
public sealed class ScenarioRun
{
    private readonly List<string> transactions = [];
    private readonly List<string> holds = [];
    private readonly List<(IMemberCommand Command, MemberEvent Result)> done = [];

    public ScenarioRun(MemberScenario scenario)
    {
        Member = TestMember.NotEnrolled(scenario.Program());
        Try(Member.Enrolment(cardAlias: "card-1"));
        CheckInvariants();
    }

    public TestMember Member { get; }

    public static ScenarioRun Play(MemberScenario scenario)
    {
        var run = new ScenarioRun(scenario);
        foreach (var operation in scenario.Operations)
        {
            run.Run(operation);
            run.CheckInvariants();
        }
        return run;
    }

    public void Run(MemberOperation operation)
    {
        Member.Advance(TimeSpan.FromMinutes(operation.MinutesLater));
        switch (operation.Kind)
        {
            case OperationKind.Purchase:
                var basket = new Basket();
                foreach (var line in operation.Basket)
                {
                    basket.Line(line.SkuName, line.Quantity, line.UnitPriceMinor);
                }
                Try(Member.PurchaseOf(basket));
                break;
            case OperationKind.Authorize:
                Try(Member.AuthorizationOf(Math.Max(1, Member.Balance.Available * operation.Percent / 100)));
                break;
            case OperationKind.Capture when PickHold(operation) is { } holdId:
                Try(Member.CaptureOf(holdId));
                break;
            case OperationKind.Void when PickHold(operation) is { } holdId:
                Try(Member.VoidOf(holdId));
                break;
            case OperationKind.Return when transactions.Count > 0:
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
                    .Select((line, i) =>
                    {
                        var wanted = operation.ReturnQuantities[i % operation.ReturnQuantities.Count];
                        var left = line.Quantity - record.Returned(line.Sku);
                        return (line.Sku, Quantity: operation.Misfire ? wanted : Math.Min(wanted, left));
                    })
                    .Where(line => line.Quantity > 0)
                    .ToArray();
                Try(Member.ReturnOf(purchase.TransactionId, lines.Length > 0 ? lines : [(purchase.Lines[0].Sku, 1L)]));
                break;
            case OperationKind.ExpireHolds:
                Member.ExpireHolds();
                break;
            case OperationKind.Retry when done.Count > 0:
                Resend(done[operation.Pick % done.Count]);
                break;
        }
    }

    /// <summary>An open hold, or on a misfire (or when none is open) any hold ever made.</summary>
    private string? PickHold(MemberOperation operation)
    {
        var open = holds.Where(id => Member.State.Holds[id].Status == HoldStatus.Open).ToArray();
        var candidates = operation.Misfire || open.Length == 0 ? holds.ToArray() : open;
        return candidates.Length == 0 ? null : candidates[operation.Pick % candidates.Length];
    }

    /// <summary>Handles a new request; a refusal must leave the member exactly as it was.</summary>
    private void Try(IMemberCommand command)
    {
        var (version, balance, requests) = (Member.State.Version, Member.Balance, Member.State.Requests.Count);
        MemberDecision decision;
        try
        {
            decision = Member.Handle(command);
        }
        catch (LoyaltyException)
        {
            Assert.Equal((version, balance, requests), (Member.State.Version, Member.Balance, Member.State.Requests.Count));
            return;
        }
        Assert.False(decision.IsReplay);
        // The answer is the request's event, with the balance after everything the decision made (what fell due with it).
        Assert.Single(decision.NewEvents, e => e.Fingerprint is not null && e.RequestId == command.RequestId);
        Assert.Equal(decision.NewEvents[^1].BalanceAfter, decision.Result.BalanceAfter);
        done.Add((command, decision.Result));
        foreach (var e in decision.NewEvents)
        {
            switch (e)
            {
                case PurchaseRecorded purchase: transactions.Add(purchase.TransactionId); break;
                case RedemptionAuthorized hold: holds.Add(hold.HoldId); break;
            }
        }
    }

    /// <summary>
    /// Invariant 5: resending a request that was carried out changes nothing and answers as the first time;
    /// its request id with other content is refused.
    /// </summary>
    private void Resend((IMemberCommand Command, MemberEvent Result) earlier)
    {
        var (version, balance) = (Member.State.Version, Member.Balance);

        Assert.Equal(Refusal.AlreadyExists("REQUEST_ID_REUSED"), Member.Refuses(Changed(earlier.Command)));
        var retry = Member.Handle(earlier.Command);

        Assert.True(retry.IsReplay);
        Assert.Empty(retry.NewEvents);
        Assert.Equal(earlier.Result, retry.Result);
        Assert.Equal((version, balance), (Member.State.Version, Member.Balance));
    }

    private static IMemberCommand Changed(IMemberCommand command) => command switch
    {
        EnrollMember enroll => enroll with { CardAlias = "card-2" },
        RecordPurchase purchase => purchase with { StoreId = "store-2" },
        RecordReturn ret => ret with { StoreId = "store-2" },
        AuthorizeRedemption authorize => authorize with { Points = authorize.Points + 1 },
        CaptureRedemption capture => capture with { HoldId = capture.HoldId + "-2" },
        VoidRedemption @void => @void with { HoldId = @void.HoldId + "-2" },
        _ => throw new ArgumentException($"No change defined for {command.GetType().Name}.", nameof(command)),
    };

    public void CheckInvariants()
    {
        var state = Member.State;
        var balance = state.Balance;
        var journal = Member.Journal;

        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(j => j.Sequence));
        Assert.Equal(journal.Count, state.Version);

        // 2. Every event carries the balance the member has right after applying it.
        Assert.All(journal, j => Assert.Equal(j.StateBalanceAfter, j.Event.BalanceAfter));

        // 1. Available + held + pending is the sum of the statement, and of the events' own deltas.
        var entries = journal.SelectMany(j => LedgerEntry.From(j.Sequence, j.Event)).ToArray();
        var deltas = journal.Select(j => j.Event.ApplyTo(Balance.Zero)).ToArray();
        Assert.Equal(balance.Total, entries.Sum(e => e.Points));
        Assert.Equal((balance.Available, balance.Held, balance.Pending),
            (entries.Sum(e => e.AvailableDelta), entries.Sum(e => e.HeldDelta), entries.Sum(e => e.PendingDelta)));
        Assert.Equal(balance.Total, deltas.Sum(d => d.Available + d.Held + d.Pending));
        Assert.Equal(balance.Total, balance.LifetimeEarned - balance.LifetimeRedeemed - balance.LifetimeReversed
            - balance.LifetimeExpired + balance.LifetimeReinstated);

        // 3. Held is exactly the open holds.
        Assert.Equal(state.Holds.Values.Where(h => h.Status == HoldStatus.Open).Sum(h => h.Points), balance.Held);
        Assert.InRange(balance.Held, 0, long.MaxValue);

        // 4. No purchase gives back more than it earned; a fully returned purchase gives back all of it.
        foreach (var purchase in state.Purchases.Values)
        {
            var bought = Member.PurchaseEvent(purchase.TransactionId);
            var returns = journal.Select(j => j.Event).OfType<ReturnRecorded>().Where(r => r.TransactionId == purchase.TransactionId).ToArray();
            Assert.Equal(returns.Sum(r => r.Points + r.WrittenOff), purchase.ReversedPoints);
            Assert.InRange(purchase.ReversedPoints, 0, purchase.Points);
            Assert.All(bought.Lines, line => Assert.InRange(purchase.Returned(line.Sku), 0, line.Quantity));
            Assert.Equal(returns.Sum(r => r.RefundMinor), purchase.Returns?.ReturnedMinor ?? 0);
            // What had already expired of its own points is not taken back again: together never more than it earned.
            Assert.InRange(purchase.AlreadyExpired, 0, purchase.Points - purchase.ReversedPoints);
            if (purchase.FullyReturned)
            {
                Assert.Equal(purchase.Points, purchase.ReversedPoints + purchase.AlreadyExpired);
            }
        }

        // 6. Without negative balances, available never drops below zero, not even inside a decision.
        if (!Member.Program.AllowNegativeBalance)
        {
            Assert.All(journal, j => Assert.InRange(j.StateBalanceAfter.Available, 0, long.MaxValue));
        }
    }
}
