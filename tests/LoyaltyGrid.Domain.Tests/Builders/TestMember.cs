using System.Globalization;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Tests.Builders;

/// <summary>
/// One member as the grain sees it: a state, the program's settings and a clock. Commands are decided by
/// <see cref="MemberAccount"/> and their events applied the way the grain does after persisting them.
/// </summary>
public sealed class TestMember
{
    public const string ProgramId = "prog-1";

    private readonly List<JournalEntry> journal = [];
    private int requests;

    private TestMember(ProgramRules rules, string memberId)
    {
        Rules = rules;
        MemberId = memberId;
    }

    /// <summary>The program's rules; a test may change them between commands, as an admin would.</summary>
    public ProgramRules Rules { get; set; }

    public ProgramSettings Program => Rules.Settings;

    /// <summary>
    /// A reference model for property tests: never applies <see cref="BooksClosed"/>, so it keeps every purchase it
    /// ever saw, as the member state did before the books were closed.
    /// </summary>
    public bool KeepsEverything { get; init; }

    public string MemberId { get; }

    public MemberState State { get; } = new();

    public DateTimeOffset Now { get; set; } = TestClock.Start;

    /// <summary>Every event applied so far, with its sequence and the state's balance right after it.</summary>
    public IReadOnlyList<JournalEntry> Journal => journal;

    public Balance Balance => State.Balance;

    public static TestMember NotEnrolled(ProgramSettings? program = null, string memberId = "member-1") =>
        new(new ProgramRules { Settings = program ?? new ProgramBuilder().Build() }, memberId);

    public static TestMember Enrolled(ProgramSettings? program = null, string memberId = "member-1") =>
        Enrolled(new ProgramRules { Settings = program ?? new ProgramBuilder().Build() }, memberId);

    public static TestMember Enrolled(ProgramRules rules, string memberId = "member-1", bool keepsEverything = false)
    {
        var member = new TestMember(rules, memberId) { KeepsEverything = keepsEverything };
        member.Handle(member.Enrolment());
        return member;
    }

    public static TestMember Enrolled(ProgramBuilder program) => Enrolled(program.Build());

    /// <summary>A member enrolled with a coalition partner's referral code, as the grain enrols it once the code's owner is known.</summary>
    public static TestMember EnrolledByPartner(ProgramRules rules, string memberId, string partnerId, string code)
    {
        var member = new TestMember(rules, memberId);
        member.Handle(member.Enrolment() with { ReferralCode = code, ReferringPartnerId = partnerId });
        return member;
    }

    public string NextRequestId() => "req-" + (++requests).ToString(CultureInfo.InvariantCulture);

    // Commands, each with a fresh request id unless one is given.

    public EnrollMember Enrolment(string? cardAlias = null, string? requestId = null) =>
        new(requestId ?? NextRequestId(), ProgramId, MemberId, cardAlias);

    public RecordPurchase PurchaseOf(Basket basket, DateTimeOffset? occurredAt = null, string? currency = null, string? requestId = null,
        IReadOnlyList<string>? coupons = null, string merchantId = "merchant-1", string storeId = "store-1") =>
        new(requestId ?? NextRequestId(), ProgramId, MemberId, merchantId, storeId, "till-1",
            currency ?? Program.Currency, basket.Lines, occurredAt, coupons);

    public RecordReturn ReturnOf(string transactionId, params (string Sku, long Quantity)[] lines) =>
        ReturnOf(transactionId, null, lines);

    public RecordReturn ReturnOf(string transactionId, DateTimeOffset? occurredAt, params (string Sku, long Quantity)[] lines) =>
        new(NextRequestId(), ProgramId, MemberId, transactionId,
            lines.Select(line => new ReturnLine(line.Sku, line.Quantity)).ToArray(),
            "merchant-1", "store-1", "till-1", occurredAt);

    public AuthorizeRedemption AuthorizationOf(long points, string? requestId = null) =>
        new(requestId ?? NextRequestId(), ProgramId, MemberId, points, "merchant-1", "store-1", "till-1");

    public CaptureRedemption CaptureOf(string holdId, string? requestId = null) =>
        new(requestId ?? NextRequestId(), ProgramId, MemberId, holdId);

    public VoidRedemption VoidOf(string holdId, string? requestId = null) =>
        new(requestId ?? NextRequestId(), ProgramId, MemberId, holdId);

    // Doing things.

    /// <summary>
    /// Decides <paramref name="command"/> at <see cref="Now"/> and applies the new events, then, as the grain does, what
    /// falls due with them (<see cref="MemberAccount.DueWith"/>): the decision's events include those, and its answer
    /// says the balance after them. Unlike the grain it does not first apply what has fallen due: tests that move time
    /// call <see cref="ApplyDue"/> themselves.
    /// </summary>
    public MemberDecision Handle(IMemberCommand command, IReadOnlyList<CouponStatus>? coupons = null)
    {
        var decision = new MemberAccount(State, Rules).Handle(command, Now, coupons, ReturnedPurchase(command));
        if (decision.ReplayOf is { } done)
        {
            // The grain reads a retry's answer back from the journal, with what the request made after it.
            return decision with { Decided = MemberAccount.Answer(journal[(int)done - 1].Event, journal.Skip((int)done).Select(j => j.Event)) };
        }
        Apply(decision.NewEvents);
        var followed = new List<MemberEvent>();
        for (var run = 0; run < MemberAccount.MaxDueRuns; run++)
        {
            var due = MemberAccount.DueWith(State, Rules, Now, decision.Result);
            if (KeepsEverything)
            {
                due = due.Where(e => e is not BooksClosed).ToArray();
            }
            if (due.Count == 0)
            {
                break;
            }
            Apply(due);
            followed.AddRange(due);
        }
        return followed.Count == 0 ? decision : new MemberDecision([.. decision.NewEvents, .. followed], MemberAccount.Answer(decision.Result, followed));
    }

    /// <summary>The event of the purchase <paramref name="command"/> returns, as the grain reads it from the journal.</summary>
    public PurchaseRecorded? ReturnedPurchase(IMemberCommand command) =>
        command is RecordReturn ret && State.Purchases.TryGetValue(ret.TransactionId, out var open)
            ? (PurchaseRecorded)journal[(int)open.Sequence - 1].Event
            : null;

    /// <summary>The purchase event of <paramref name="transactionId"/>, from the journal.</summary>
    public PurchaseRecorded PurchaseEvent(string transactionId) =>
        journal.Select(j => j.Event).OfType<PurchaseRecorded>().Single(p => p.TransactionId == transactionId);

    /// <summary>
    /// What the grain does on activation, before every command and when its timer fires: every run of Due until none is
    /// left. Returns what moved points or tiers; <see cref="BooksClosed"/> (housekeeping) is applied but left out, so
    /// tests that jump years read the same as before the books were closed.
    /// </summary>
    public IReadOnlyList<MemberEvent> ApplyDue() => ApplyDueWithBooks().Where(e => e is not BooksClosed).ToArray();

    /// <summary><see cref="ApplyDue"/>, with every event it applied.</summary>
    public IReadOnlyList<MemberEvent> ApplyDueWithBooks()
    {
        var all = new List<MemberEvent>();
        for (var run = 0; run < MemberAccount.MaxDueRuns; run++)
        {
            var events = MemberAccount.Due(State, Rules, Now);
            if (KeepsEverything)
            {
                events = events.Where(e => e is not BooksClosed).ToArray();
            }
            if (events.Count == 0)
            {
                break;
            }
            Apply(events);
            all.AddRange(events);
        }
        return all;
    }

    public PurchaseRecorded Buy(Basket basket, DateTimeOffset? occurredAt = null) =>
        (PurchaseRecorded)Handle(PurchaseOf(basket, occurredAt)).Result;

    public ReturnRecorded Return(string transactionId, params (string Sku, long Quantity)[] lines) =>
        (ReturnRecorded)Handle(ReturnOf(transactionId, lines)).Result;

    public RedemptionAuthorized Authorize(long points) => (RedemptionAuthorized)Handle(AuthorizationOf(points)).Result;

    public RedemptionCaptured Capture(string holdId) => (RedemptionCaptured)Handle(CaptureOf(holdId)).Result;

    public RedemptionReleased Void(string holdId) => (RedemptionReleased)Handle(VoidOf(holdId)).Result;

    /// <summary>What the grain's hold timer does.</summary>
    public IReadOnlyList<MemberEvent> ExpireHolds() => ApplyDue();

    public void Advance(TimeSpan by) => Now += by;

    /// <summary>Asserts that <paramref name="command"/> is refused without changing anything; returns how.</summary>
    public Refusal Refuses(IMemberCommand command) => Refusal.Of(RefusesWithError(command));

    /// <summary>Like <see cref="Refuses"/>, with the whole error (message and violation descriptions).</summary>
    public LoyaltyError RefusesWithError(IMemberCommand command)
    {
        var version = State.Version;
        var balance = State.Balance;
        var requestIds = State.Requests.Keys.Order(StringComparer.Ordinal).ToArray();
        var holds = State.Holds.Values.OrderBy(h => h.HoldId, StringComparer.Ordinal).ToArray();

        var refusal = Assert.Throws<LoyaltyException>(() => new MemberAccount(State, Rules).Handle(command, Now, returned: ReturnedPurchase(command)));

        Assert.Equal(version, State.Version);
        Assert.Equal(balance, State.Balance);
        Assert.Equal(requestIds, State.Requests.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(holds, State.Holds.Values.OrderBy(h => h.HoldId, StringComparer.Ordinal));
        return refusal.Error;
    }

    public void Apply(IReadOnlyList<MemberEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            State.Apply(events[i], State.Version + 1);
            journal.Add(new JournalEntry(State.Version, events[i], State.Balance));
        }
    }
}
