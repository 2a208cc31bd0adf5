using System.Text.Json;
using System.Text.Json.Serialization;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>
/// JSON of the base type (MemberEvent, ProgramEvent) with the options of LoyaltyGrid.Storage's JournalJson is how
/// program events are stored (json v1), how the member snapshot body is written until its protobuf mapping, and how
/// rows from before the versioned format are read. Every event the program rules make must survive that.
/// </summary>
public sealed class JournalJsonTests
{
    // The same options as LoyaltyGrid.Storage.JournalJson (this project does not reference the storage layer).
    private static readonly JsonSerializerOptions Journal = new(JsonSerializerDefaults.General)
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly DateTimeOffset Start = TestClock.Start;

    /// <summary>A member whose journal has one event of every kind.</summary>
    private static TestMember MemberWithEveryKindOfEvent()
    {
        var program = new RulesBuilder()
            .Earning(new EarningRules { PendingPeriod = TimeSpan.FromDays(14) })
            .Expiry(ExpiryKind.FifoLots, 1)
            .Tier("silver", 1_000, 150)
            .Promotion("card", new PunchCardRule(2, ItemScope.AllItems));
        var member = TestMember.Enrolled(program.Rules);
        var purchase = member.Buy(new Basket().Line("a", 3, 1000));           // PurchaseRecorded, TierChanged
        member.Return(purchase.TransactionId, ("a", 1));                       // ReturnRecorded
        member.At(Start.AddDays(14));                                          // PointsMatured
        member.Void(member.Authorize(10).HoldId);                              // RedemptionAuthorized, RedemptionReleased
        member.Capture(member.Authorize(10).HoldId);                           // RedemptionCaptured
        member.At(Start.AddMonths(1));                                         // PointsExpired
        member.Handle(member.ReinstatementOf());                               // PointsReinstated
        return member;
    }

    [Fact]
    public void Every_member_event_round_trips_through_the_journal_json()
    {
        var member = MemberWithEveryKindOfEvent();
        Assert.Equal(
            ["MemberEnrolled", "PointsExpired", "PointsMatured", "PointsReinstated", "PurchaseRecorded", "RedemptionAuthorized", "RedemptionCaptured", "RedemptionReleased", "ReturnRecorded", "TierChanged"],
            member.Journal.Select(j => j.Event.GetType().Name).Distinct().Order(StringComparer.Ordinal));

        foreach (var (_, e, _) in member.Journal)
        {
            var json = JsonSerializer.Serialize<MemberEvent>(e, Journal);
            var back = JsonSerializer.Deserialize<MemberEvent>(json, Journal)!;
            Assert.Equal(e.GetType(), back.GetType());
            Assert.Equal(json, JsonSerializer.Serialize<MemberEvent>(back, Journal));
        }
    }

    [Fact]
    public void Member_snapshot_round_trips_and_rebuilds_the_same_member()
    {
        var member = MemberWithEveryKindOfEvent();

        var json = JsonSerializer.Serialize(member.State, Journal);
        var back = JsonSerializer.Deserialize<MemberState>(json, Journal)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, Journal));
        Assert.Equal(member.Balance, back.Balance);
    }

    [Fact]
    public void Program_events_round_trip_and_replay_to_the_same_rules()
    {
        var program = new RulesBuilder(timeZone: "Europe/Berlin")
            .Earning(new EarningRules
            {
                CategoryMultiplierPercents = new Dictionary<string, long> { ["coffee"] = 200 },
                SkuMultiplierPercents = new Dictionary<string, long> { ["espresso"] = 300 },
                ExcludedCategories = ["tobacco"],
                LocationRates = [new LocationRate("m1", null, 20), new LocationRate("m1", "s1", 30)],
                MinQualifyingSpendMinor = 500,
                PendingPeriod = TimeSpan.FromDays(14),
                CouponReturn = CouponReturnPolicy.KeepUsed,
            })
            .Expiry(ExpiryKind.Inactivity, 6)
            .TierPolicy(TierMetric.PointsEarned, 6, 12, 10)
            .Tier("silver", 1_000, 150, "free-shipping")
            .Promotion("double", new BonusMultiplierRule(200, new ItemScope(["coffee"], ["tea-1"])), earlyAccess: null, daysOfWeek: [DayOfWeek.Saturday, DayOfWeek.Sunday])
            .Promotion("threshold", new SpendThresholdRule(5_000, 50), startsAt: Start.AddDays(2), earlyAccess: new EarlyAccess("silver", Start.AddDays(1)))
            .Promotion("welcome", new FirstPurchaseRule(100), target: new PromotionTarget(TargetKind.FirstTimeCustomers, [], 0))
            .Promotion("card", new PunchCardRule(9, ItemScope.AllItems), target: new PromotionTarget(TargetKind.Tiers, ["silver"], 0))
            .Promotion("bogo", new BuyOneGetOneRule(50, ItemScope.AllItems), usageLimitPerMember: 3)
            .Promotion("coupon", new CouponRule(0, 10, 0))
            .Promotion("regular", new RepeatPurchaseRule(3, 30, 70), target: new PromotionTarget(TargetKind.Lapsed, [], 60))
            .Promotion("loyal", new CumulativeSpendRule(10_000, 500))
            .EndPromotion("bogo");
        program.IssueCoupons("coupon", 2, "member-1", 3, Start, Start.AddDays(9));
        program.ReinstateExpired(Start.AddDays(-10), null, "outage");

        var replayed = new ProgramState();
        var events = program.State.Version;
        for (var sequence = 1; sequence <= events; sequence++)
        {
            var e = Assert.IsAssignableFrom<ProgramEvent>(RecordedEvent(program, sequence));
            var back = JsonSerializer.Deserialize<ProgramEvent>(JsonSerializer.Serialize(e, Journal), Journal)!;
            replayed.Apply(back, sequence);
        }

        Assert.Equal(JsonSerializer.Serialize(program.Rules, Journal), JsonSerializer.Serialize(replayed.Rules, Journal));
    }

    /// <summary>The program's events, found through their request ids (the state keeps each request's event).</summary>
    private static ProgramEvent RecordedEvent(RulesBuilder program, long sequence) =>
        sequence == 1 ? program.State.Request("req-program")! : program.State.Request($"admin-req-{sequence - 1}")!;
}
