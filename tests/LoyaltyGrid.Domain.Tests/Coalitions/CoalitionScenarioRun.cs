using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.Coalitions;

/// <summary>
/// Plays a generated history on real members (decided by the member rules, as the grains do) of the coalition of
/// <see cref="CoalitionProgram"/>, with FIFO expiry after a month. Refused requests are skipped, as a till would.
/// Keeps the journal and the program's rules as they stood after every admin change. Member m1 enrolled with the
/// bakery's partner referral code and m2 with the books'; the bakery and the books start with a referral fee, and a
/// generated change of terms sets a new one (or none), so partner referral fees fall in any period.
/// </summary>
public sealed class CoalitionScenarioRun
{
    public const int MemberCount = 3;

    /// <summary>The three partners and a merchant that is not one (until a generated step makes it join).</summary>
    public static readonly IReadOnlyList<string> Merchants = ["bakery", "books", "cafe", "florist"];

    /// <summary>The partner whose referral code a member (by index) enrolled with.</summary>
    public static readonly IReadOnlyDictionary<int, string> ReferringPartners = new Dictionary<int, string> { [1] = "bakery", [2] = "books" };

    private readonly CoalitionProgram coalition;
    private readonly List<TestMember> members = [];
    private readonly List<(DateTimeOffset At, ProgramRules Rules)> rulesHistory = [];
    private readonly Dictionary<string, ProgramRules> purchaseRules = new(StringComparer.Ordinal);

    private CoalitionScenarioRun(CoalitionScenario scenario)
    {
        coalition = new CoalitionProgram(allowNegativeBalance: scenario.AllowNegativeBalance);
        coalition.Program.Expiry(ExpiryKind.FifoLots, 1).Earning(new EarningRules { PendingPeriod = TimeSpan.FromDays(scenario.PendingDays) });
        coalition.Update(CoalitionProgram.Terms("bakery", 1_000, 900) with { ReferralFeeMinor = 500 });
        coalition.Update(CoalitionProgram.Terms("books", 1_250, 1_100) with { ReferralFeeMinor = 333 });
        rulesHistory.Add((coalition.Program.Now, coalition.Rules));
        for (var i = 0; i < MemberCount; i++)
        {
            members.Add(ReferringPartners.TryGetValue(i, out var partner)
                ? TestMember.EnrolledByPartner(coalition.Rules, $"m{i}", partner, PartnerReferrals.CodeOf(CoalitionProgram.ProgramId, partner, 1))
                : TestMember.Enrolled(coalition.Rules, $"m{i}"));
        }
        Now = TestClock.Start;
    }

    public DateTimeOffset Now { get; private set; }

    public ProgramRules Rules => coalition.Rules;

    /// <summary>Every member event, in journal order.</summary>
    public IReadOnlyList<JournaledMemberEvent> Events =>
        members.OrderBy(m => HandWrittenJournal.StreamOf(m.MemberId), StringComparer.Ordinal)
            .SelectMany(m => m.Journal.Select(j => new JournaledMemberEvent(HandWrittenJournal.StreamOf(m.MemberId), j.Sequence, j.Event)))
            .ToArray();

    public static CoalitionScenarioRun Play(CoalitionScenario scenario)
    {
        var run = new CoalitionScenarioRun(scenario);
        foreach (var operation in scenario.Operations)
        {
            run.Run(operation);
        }
        return run;
    }

    /// <summary>The rules as they stood at <paramref name="time"/>: what a settlement computed then would have used.</summary>
    public ProgramRules RulesAt(DateTimeOffset time) => rulesHistory.Last(r => r.At <= time).Rules;

    /// <summary>
    /// The rules the member decided a purchase on: an admin change made at the very instant of a purchase, after it,
    /// is in <see cref="RulesAt"/> of that instant but was not in force for the purchase.
    /// </summary>
    public ProgramRules RulesOf(string transactionId) => purchaseRules[transactionId];

    /// <summary>What all members held (available, pending, held) just before <paramref name="time"/>, from their own balances.</summary>
    public long OutstandingBefore(DateTimeOffset time) =>
        members.Sum(m => m.Journal.LastOrDefault(j => j.Event.RecordedAt < time)?.StateBalanceAfter.Total ?? 0);

    /// <summary>The period bounds the scenario's cuts pick, in order, at least two.</summary>
    public IReadOnlyList<DateTimeOffset> Bounds(IReadOnlyList<CoalitionCut> cuts)
    {
        var events = Events;
        var first = TestClock.Start.AddDays(-1);
        var span = Now.AddDays(1) - first;
        var bounds = cuts
            .Select(cut => cut.AtEvent && events.Count > 0
                ? events[cut.Pick % events.Count].Event.RecordedAt
                : first + span * cut.Pick / 1000)
            .Distinct()
            .Order()
            .ToList();
        if (bounds.Count < 2)
        {
            bounds.Add(bounds[0].AddDays(1));
        }
        return bounds;
    }

    private void Run(CoalitionOperation operation)
    {
        Now += TimeSpan.FromMinutes(operation.MinutesLater);
        var merchant = Merchants[operation.Merchant];
        var member = members[operation.Member];
        switch (operation.Kind)
        {
            case CoalitionOperationKind.Purchase:
                member.At(Now);
                var basket = new Basket().Line("sku", operation.Quantity, operation.UnitPriceMinor);
                if (Try(member, member.PurchaseOf(basket, operation.HoursAhead == 0 ? null : Now.AddHours(-operation.HoursAhead), merchantId: merchant))
                    is PurchaseRecorded bought)
                {
                    purchaseRules[bought.TransactionId] = member.Rules;
                }
                break;
            case CoalitionOperationKind.Return:
                member.At(Now);
                var purchases = member.State.Purchases.Values.OrderBy(p => p.TransactionId, StringComparer.Ordinal).ToArray();
                if (purchases.Length > 0)
                {
                    var purchase = purchases[operation.Pick % purchases.Length];
                    Try(member, new RecordReturn(member.NextRequestId(), TestMember.ProgramId, member.MemberId, purchase.TransactionId,
                        [new ReturnLine("sku", operation.Quantity)], merchant, "store-1", "till-1", null));
                }
                break;
            case CoalitionOperationKind.Redeem:
                member.At(Now);
                var points = Math.Max(1, member.Balance.Available * operation.Percent / 100);
                if (Try(member, new AuthorizeRedemption(member.NextRequestId(), TestMember.ProgramId, member.MemberId, points, merchant, "store-1", "till-1"))
                    is RedemptionAuthorized hold)
                {
                    switch (operation.Pick % 4)
                    {
                        case 0 or 1: Try(member, member.CaptureOf(hold.HoldId)); break;
                        case 2: Try(member, member.VoidOf(hold.HoldId)); break;
                    }
                }
                break;
            case CoalitionOperationKind.Wait:
                Now += TimeSpan.FromHours(operation.HoursAhead);
                foreach (var m in members)
                {
                    m.At(Now);
                }
                break;
            case CoalitionOperationKind.Reinstate:
                member.At(Now);
                Try(member, member.ReinstatementOf());
                break;
            case CoalitionOperationKind.ChangeTerms:
                Admin(new UpdatePartnerTerms(coalition.Program.NextRequestId(), TestMember.ProgramId, RulesBuilder.Admin,
                    CoalitionProgram.Terms(merchant, operation.IssuePrice, operation.Reimbursement) with { ReferralFeeMinor = Fee(operation) },
                    Now.AddHours(operation.HoursAhead)));
                break;
            case CoalitionOperationKind.JoinOrLeave:
                var at = Now.AddHours(operation.HoursAhead);
                Admin(Rules.Coalition!.Partner(merchant)?.Latest().Terms is null
                    ? new JoinPartner(coalition.Program.NextRequestId(), TestMember.ProgramId, RulesBuilder.Admin,
                        CoalitionProgram.Terms(merchant, operation.IssuePrice, operation.Reimbursement) with { ReferralFeeMinor = Fee(operation) }, at)
                    : new RemovePartner(coalition.Program.NextRequestId(), TestMember.ProgramId, RulesBuilder.Admin, merchant, at));
                break;
            case CoalitionOperationKind.Revalue:
                Admin(new ConfigureCoalition(coalition.Program.NextRequestId(), TestMember.ProgramId, RulesBuilder.Admin,
                    CoalitionProgram.OperatorName, operation.IssuePrice));
                break;
        }
    }

    /// <summary>A new referral fee for generated terms: none, or one of a few amounts.</summary>
    private static long Fee(CoalitionOperation operation) => operation.Pick % 4 * 250;

    private static MemberEvent? Try(TestMember member, IMemberCommand command)
    {
        try
        {
            return member.Handle(command).Result;
        }
        catch (LoyaltyException)
        {
            return null;
        }
    }

    /// <summary>An admin change now; every member sees the new rules from its next request on, as through the rules cache.</summary>
    private void Admin(ICoalitionCommand command)
    {
        coalition.Program.Now = Now;
        try
        {
            coalition.Program.Do(command);
        }
        catch (LoyaltyException)
        {
            return;
        }
        rulesHistory.Add((Now, coalition.Rules));
        foreach (var member in members)
        {
            member.Rules = coalition.Rules;
        }
    }
}
