using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Grains.Tests;

/// <summary>
/// Program rules over months, on the two-silo test cluster with a fake clock: admin changes go through the program
/// grain (and so through every silo's rules cache), members are woken the way the wake-up service wakes them.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RulesScenarioTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_purchase_upgrades_at_once_and_a_year_without_spend_lowers_the_tier_one_step_per_review()
    {
        var program = await ProgramAsync(
            new SetTierPolicy(NewId(), "", "admin", new TierPolicy(TierMetric.QualifyingSpend, 12, 12, 30)),
            new UpsertTier(NewId(), "", "admin", new TierDefinition("silver", "Silver", 10_000, 100, ["priority-service"])),
            new UpsertTier(NewId(), "", "admin", new TierDefinition("gold", "Gold", 50_000, 150, ["free-shipping"])));
        var member = await EnrolledAsync(program);

        var purchase = (await Member(program, member).RecordPurchase(Purchase(program, member, 60_000))).Unwrap();
        var upgraded = (await Member(program, member).Get()).Unwrap();

        Assert.Equal("gold", purchase.Tier!.TierId);
        Assert.Equal(["free-shipping"], purchase.Tier.Benefits);
        Assert.Equal(("gold", 60_000L), (upgraded.Overview.Tier!.TierId, upgraded.Overview.TierMetric));

        // Review after 12 months, downgrade only after the 30-day grace: one day before, still gold.
        fixture.Time.Advance(TimeSpan.FromDays(365 + 29));
        await Member(program, member).WakeUp();
        Assert.Equal("gold", (await Member(program, member).Get()).Unwrap().Overview.Tier!.TierId);

        fixture.Time.Advance(TimeSpan.FromDays(2));
        await Member(program, member).WakeUp();
        var lowered = (await Member(program, member).Get()).Unwrap();

        Assert.Equal(("silver", 0L), (lowered.Overview.Tier!.TierId, lowered.Overview.TierMetric));
        var ledger = (await Member(program, member).ListLedger(10, null)).Unwrap().Entries;
        Assert.Equal(
            [(LedgerEntryType.TierChange, 0L), (LedgerEntryType.TierChange, 0L), (LedgerEntryType.Purchase, 6000L)],
            ledger.Select(e => (e.Type, e.Points)));
        Assert.Contains("lowered from gold to silver", ledger[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pending_points_become_available_when_the_return_window_passes_and_the_stored_wake_up_says_when()
    {
        var program = await ProgramAsync(new SetEarningRules(NewId(), "", "admin", new EarningRules { PendingPeriod = TimeSpan.FromDays(14) }));
        var member = await EnrolledAsync(program);

        var purchase = (await Member(program, member).RecordPurchase(Purchase(program, member, 10_000))).Unwrap();

        Assert.Equal(new Balance(Pending: 1000, LifetimeEarned: 1000), purchase.BalanceAfter);
        var stream = MemberKey.StreamOf(MemberKey.For(program, member));
        Assert.DoesNotContain(stream, await fixture.Store.ReadDueWakeUpsAsync(purchase.PendingUntil!.Value.AddSeconds(-1), 10_000, CancellationToken.None));
        Assert.Contains(stream, await fixture.Store.ReadDueWakeUpsAsync(purchase.PendingUntil.Value, 10_000, CancellationToken.None));

        fixture.Time.Advance(TimeSpan.FromDays(14));
        await Member(program, member).WakeUp();

        Assert.Equal(new Balance(Available: 1000, LifetimeEarned: 1000), (await Member(program, member).Get()).Unwrap().Balance);
    }

    [Fact]
    public async Task Points_expire_a_year_after_they_were_earned_and_an_admin_reinstates_them_for_the_whole_program()
    {
        var program = await ProgramAsync(new SetExpiryPolicy(NewId(), "", "admin", new ExpiryPolicy(ExpiryKind.FifoLots, 12)));
        var member = await EnrolledAsync(program);
        var earnedAt = fixture.Time.GetUtcNow();
        (await Member(program, member).RecordPurchase(Purchase(program, member, 5_000))).Unwrap();

        fixture.Time.Advance(TimeSpan.FromDays(350));
        var warned = (await Member(program, member).Get()).Unwrap();
        Assert.Equal([new ExpiringPoints(500, earnedAt.AddMonths(12))], warned.Overview.Expiring);

        fixture.Time.Advance(TimeSpan.FromDays(20));
        await Member(program, member).WakeUp();
        var expired = (await Member(program, member).Get()).Unwrap();
        Assert.Equal(new Balance(LifetimeEarned: 500, LifetimeExpired: 500), expired.Balance);

        (await fixture.Grains.GetGrain<IProgramGrain>(program).Change(
            new ReinstateProgramPoints(NewId(), program, "support-lead", null, null, "expiry notices were not sent"))).Unwrap();
        var reinstated = (await Member(program, member).Get()).Unwrap();

        Assert.Equal(new Balance(Available: 500, LifetimeEarned: 500, LifetimeExpired: 500, LifetimeReinstated: 500), reinstated.Balance);
        var ledger = (await Member(program, member).ListLedger(10, null)).Unwrap().Entries;
        Assert.Equal([(LedgerEntryType.Reinstatement, 500L), (LedgerEntryType.Expiry, -500L), (LedgerEntryType.Purchase, 500L)],
            ledger.Select(e => (e.Type, e.Points)));
        Assert.Contains("support-lead", ledger[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_use_coupon_discounts_one_purchase_is_refused_to_the_next_member_and_comes_back_with_a_full_return()
    {
        var program = await ProgramAsync(new CreatePromotion(NewId(), "", "admin", "welcome", "Welcome 5 EUR off",
            new CouponRule(500, 0, 0), fixture.Time.GetUtcNow(), fixture.Time.GetUtcNow().AddDays(30),
            PromotionTarget.Everyone, 1, null, []));
        var issued = (CouponsIssued)(await fixture.Grains.GetGrain<IProgramGrain>(program).Change(
            new IssueCoupons(NewId(), program, "admin", "welcome", 1, null, 1, null, null))).Unwrap().Event;
        var code = issued.Batch.Codes[0];
        var (alice, bob) = (await EnrolledAsync(program), await EnrolledAsync(program));

        var used = (await Member(program, alice).RecordPurchase(Purchase(program, alice, 2_000) with { CouponCodes = [code] })).Unwrap();
        var refused = (await Member(program, bob).RecordPurchase(Purchase(program, bob, 2_000) with { CouponCodes = [code] })).Unwrap();

        Assert.Equal((true, 500L, 150L), (used.Coupons[0].Accepted, used.DiscountMinor, used.Points));
        Assert.Equal((false, "COUPON_USED_UP", 0L, 200L), (refused.Coupons[0].Accepted, refused.Coupons[0].Reason, refused.DiscountMinor, refused.Points));

        var ret = (await Member(program, alice).RecordReturn(new RecordReturn(NewId(), program, alice, used.TransactionId,
            [new ReturnLine("sku-1", 1)], null, null, null, null))).Unwrap();
        var again = (await Member(program, bob).RecordPurchase(Purchase(program, bob, 2_000) with { CouponCodes = [code] })).Unwrap();

        Assert.Equal([code], ret.CouponsReleased);
        Assert.Equal(1500L, ret.RefundMinor);
        Assert.True(again.Coupons[0].Accepted);
        Assert.Equal(1, (await fixture.Grains.GetGrain<ICouponGrain>(CouponKey.For(program, code)).Check()).Uses);
    }

    /// <summary>A new program (10 points per EUR) with the given changes made, in order, by an admin.</summary>
    private async Task<string> ProgramAsync(params IProgramCommand[] changes)
    {
        var program = NewId();
        var grain = fixture.Grains.GetGrain<IProgramGrain>(program);
        (await grain.Create(new CreateProgram(NewId(), program, "Shop", "EUR", 10, null, null, null))).Unwrap();
        foreach (var change in changes)
        {
            (await grain.Change(WithProgram(change, program))).Unwrap();
        }
        return program;
    }

    private static IProgramCommand WithProgram(IProgramCommand command, string program) => command switch
    {
        SetTierPolicy c => c with { ProgramId = program },
        UpsertTier c => c with { ProgramId = program },
        SetEarningRules c => c with { ProgramId = program },
        SetExpiryPolicy c => c with { ProgramId = program },
        CreatePromotion c => c with { ProgramId = program },
        _ => command,
    };

    private async Task<string> EnrolledAsync(string program)
    {
        var member = NewId();
        (await Member(program, member).Enroll(new EnrollMember(NewId(), program, member, null))).Unwrap();
        return member;
    }

    private IMemberGrain Member(string program, string member) =>
        fixture.Grains.GetGrain<IMemberGrain>(MemberKey.For(program, member));

    private RecordPurchase Purchase(string program, string member, long priceMinor) => new(
        NewId(), program, member, "merchant-1", "store-1", "term-1", "EUR",
        [new PurchaseLine("sku-1", "general", 1, priceMinor)], fixture.Time.GetUtcNow());

    private static string NewId() => Guid.NewGuid().ToString("N")[..20];
}
