using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Storage;
using Orleans.Core.Internal;

namespace LoyaltyGrid.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class MemberGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_reactivated_member_is_rebuilt_from_the_journal_with_the_same_balance()
    {
        var (program, member) = await EnrolledMemberAsync();
        await Member(program, member).RecordPurchase(Purchase(program, member, 2500));
        var before = (await Member(program, member).Get()).Unwrap();

        await DeactivateAsync(Member(program, member));

        var after = (await Member(program, member).Get()).Unwrap();
        Assert.Equal(JournalJson.Serialize(before), JournalJson.Serialize(after));
        Assert.Equal(250, after.Balance.Available);
    }

    [Fact]
    public async Task Snapshots_are_taken_every_few_events_and_replay_continues_after_them()
    {
        var (program, member) = await EnrolledMemberAsync();
        for (var i = 0; i < 12; i++)
        {
            (await Member(program, member).RecordPurchase(Purchase(program, member, 1000))).Unwrap();
        }
        await fixture.WaitForSnapshotAsync(program, member, atLeast: 10);

        await DeactivateAsync(Member(program, member));

        var after = (await Member(program, member).Get()).Unwrap();
        Assert.Equal(new Balance(Available: 1200, LifetimeEarned: 1200), after.Balance);
    }

    [Fact]
    public async Task A_retry_after_reactivation_returns_the_original_result_and_counts_once()
    {
        var (program, member) = await EnrolledMemberAsync();
        var purchase = Purchase(program, member, 999);
        var first = (await Member(program, member).RecordPurchase(purchase)).Unwrap();

        await DeactivateAsync(Member(program, member));
        var retry = (await Member(program, member).RecordPurchase(purchase)).Unwrap();

        // Records compare lists by reference, so compare the events as the journal writes them.
        Assert.Equal(JournalJson.Serialize<MemberEvent>(first), JournalJson.Serialize<MemberEvent>(retry));
        Assert.Equal(99, (await Member(program, member).Get()).Unwrap().Balance.Available);
    }

    [Fact]
    public async Task Refusals_cross_silos_with_reason_and_field_violations_intact()
    {
        var (program, member) = await EnrolledMemberAsync();
        var bad = Purchase(program, member, 100) with { Lines = [new PurchaseLine("sku", "cat", 0, 100)] };

        var reply = await Member(program, member).RecordPurchase(bad);

        Assert.Null(reply.Value);
        Assert.Equal(ErrorKind.InvalidArgument, reply.Error!.Kind);
        Assert.Equal(["lines[0].quantity"], reply.Error.Violations!.Select(v => v.Field));
    }

    [Fact]
    public async Task A_wake_up_that_is_no_longer_needed_stays_stored_until_it_is_due_and_is_then_cleared_without_changing_the_member()
    {
        var (program, member) = await EnrolledMemberAsync();
        var stream = MemberKey.StreamOf(MemberKey.For(program, member));
        (await Member(program, member).RecordPurchase(Purchase(program, member, 10000))).Unwrap();
        var hold = (await Member(program, member).AuthorizeRedemption(
            new AuthorizeRedemption(NewId(), program, member, 400, "merchant-1", null, null))).Unwrap();

        // Captured, the hold is no longer due; its wake-up is not rewritten for that (no row write), it only fires early.
        (await Member(program, member).CaptureRedemption(new CaptureRedemption(NewId(), program, member, hold.HoldId, "merchant-1"))).Unwrap();
        Assert.Contains(stream, await fixture.Store.ReadDueWakeUpsAsync(hold.ExpiresAt, 1000, CancellationToken.None));
        Assert.DoesNotContain(stream, await fixture.Store.ReadDueWakeUpsAsync(hold.ExpiresAt.AddSeconds(-1), 1000, CancellationToken.None));

        fixture.Time.Advance(TimeSpan.FromMinutes(16));
        var before = (await Member(program, member).Get()).Unwrap();
        await Member(program, member).WakeUp();

        Assert.DoesNotContain(stream, await fixture.Store.ReadDueWakeUpsAsync(DateTimeOffset.MaxValue, 1000, CancellationToken.None));
        var after = (await Member(program, member).Get()).Unwrap();
        Assert.Equal(new Balance(Available: 600, LifetimeEarned: 1000, LifetimeRedeemed: 400), after.Balance);
        Assert.Equal(before.Balance, after.Balance);
        Assert.Equal(
            [LedgerEntryType.Capture, LedgerEntryType.Hold, LedgerEntryType.Purchase],
            (await Member(program, member).ListLedger(10, null)).Unwrap().Entries.Select(e => e.Type));
    }

    [Fact]
    public async Task An_expired_hold_is_released_by_the_wake_up_and_its_wake_up_cleared()
    {
        var (program, member) = await EnrolledMemberAsync();
        (await Member(program, member).RecordPurchase(Purchase(program, member, 10000))).Unwrap();
        var hold = (await Member(program, member).AuthorizeRedemption(
            new AuthorizeRedemption(NewId(), program, member, 400, "merchant-1", null, null))).Unwrap();
        Assert.Contains(MemberKey.StreamOf(MemberKey.For(program, member)),
            await fixture.Store.ReadDueWakeUpsAsync(hold.ExpiresAt, 1000, CancellationToken.None));

        fixture.Time.Advance(TimeSpan.FromMinutes(16));
        await Member(program, member).WakeUp();

        var view = (await Member(program, member).Get()).Unwrap();
        Assert.Equal(new Balance(Available: 1000, LifetimeEarned: 1000), view.Balance);
        Assert.DoesNotContain(MemberKey.StreamOf(MemberKey.For(program, member)),
            await fixture.Store.ReadDueWakeUpsAsync(fixture.Time.GetUtcNow(), 1000, CancellationToken.None));
        var page = (await Member(program, member).ListLedger(10, null)).Unwrap();
        Assert.Equal((LedgerEntryType.Release, "hold-expiry", hold.HoldId), (page.Entries[0].Type, page.Entries[0].Rule, page.Entries[0].HoldId));
    }

    [Fact]
    public async Task A_hold_that_expired_while_the_member_was_inactive_is_released_on_activation()
    {
        var (program, member) = await EnrolledMemberAsync();
        (await Member(program, member).RecordPurchase(Purchase(program, member, 10000))).Unwrap();
        (await Member(program, member).AuthorizeRedemption(
            new AuthorizeRedemption(NewId(), program, member, 400, "merchant-1", null, null))).Unwrap();
        await DeactivateAsync(Member(program, member));

        fixture.Time.Advance(TimeSpan.FromMinutes(16));

        var view = (await Member(program, member).Get()).Unwrap();
        Assert.Equal(new Balance(Available: 1000, LifetimeEarned: 1000), view.Balance);
    }

    [Fact]
    public async Task A_backlog_re_synced_inside_a_long_offline_window_is_not_counted_twice()
    {
        // The silo remembers request ids for 7 days, but this program takes offline uploads for 30.
        var program = NewId();
        (await fixture.Grains.GetGrain<IProgramGrain>(program).Create(
            new CreateProgram(NewId(), program, "Shop", "EUR", 10, null, null, TimeSpan.FromDays(30)))).Unwrap();
        var member = NewId();
        (await Member(program, member).Enroll(new EnrollMember(NewId(), program, member, null))).Unwrap();
        var uploadedEarly = Purchase(program, member, 1000);
        var first = (await Member(program, member).RecordPurchase(uploadedEarly)).Unwrap();

        fixture.Time.Advance(TimeSpan.FromDays(20));
        for (var i = 0; i < 6; i++)
        {
            (await Member(program, member).RecordPurchase(Purchase(program, member, 1000))).Unwrap();
        }
        await fixture.WaitForSnapshotAsync(program, member, atLeast: 5);
        await DeactivateAsync(Member(program, member));
        var resynced = (await Member(program, member).RecordPurchase(uploadedEarly)).Unwrap();

        Assert.Equal(first.TransactionId, resynced.TransactionId);
        Assert.Equal(700, (await Member(program, member).Get()).Unwrap().Balance.Available);
    }

    [Fact]
    public async Task A_late_upload_past_its_expiry_answers_with_its_points_expired_also_on_a_retry_after_reactivation()
    {
        var program = NewId();
        var programs = fixture.Grains.GetGrain<IProgramGrain>(program);
        (await programs.Create(new CreateProgram(NewId(), program, "Shop", "EUR", 10, null, null, TimeSpan.FromDays(90)))).Unwrap();
        (await programs.Change(new SetExpiryPolicy(NewId(), program, "admin", new ExpiryPolicy(ExpiryKind.FifoLots, 1)))).Unwrap();
        var member = NewId();
        (await Member(program, member).Enroll(new EnrollMember(NewId(), program, member, null))).Unwrap();
        var late = Purchase(program, member, 3000) with { OccurredAt = fixture.Time.GetUtcNow().AddDays(-45) };

        var first = (await Member(program, member).RecordPurchase(late)).Unwrap();
        var shown = (await Member(program, member).Get()).Unwrap();
        await DeactivateAsync(Member(program, member));
        var retry = (await Member(program, member).RecordPurchase(late)).Unwrap();

        Assert.Equal(new Balance(LifetimeEarned: 300, LifetimeExpired: 300), first.BalanceAfter);
        Assert.Equal(shown.Balance, first.BalanceAfter);
        // Records compare lists by reference, so compare the events as the journal writes them.
        Assert.Equal(JournalJson.Serialize<MemberEvent>(first), JournalJson.Serialize<MemberEvent>(retry));
        var ledger = (await Member(program, member).ListLedger(10, null)).Unwrap().Entries;
        Assert.Equal([(LedgerEntryType.Expiry, -300L), (LedgerEntryType.Purchase, 300L)], ledger.Select(e => (e.Type, e.Points)));
    }

    [Fact]
    public async Task Creating_a_program_twice_is_idempotent_only_for_the_same_request()
    {
        var programId = NewId();
        var create = new CreateProgram(NewId(), programId, "Shop", "EUR", 10, null, null, null);

        var first = (await fixture.Grains.GetGrain<IProgramGrain>(programId).Create(create)).Unwrap();
        var retry = (await fixture.Grains.GetGrain<IProgramGrain>(programId).Create(create)).Unwrap();
        var other = await fixture.Grains.GetGrain<IProgramGrain>(programId).Create(create with { RequestId = NewId() });

        // Records compare lists by reference, so compare the rules as the journal would write them.
        Assert.Equal(JournalJson.Serialize(first), JournalJson.Serialize(retry));
        Assert.Equal("PROGRAM_ALREADY_EXISTS", other.Error!.Reason);
    }

    private async Task<(string Program, string Member)> EnrolledMemberAsync()
    {
        var program = NewId();
        (await fixture.Grains.GetGrain<IProgramGrain>(program).Create(
            new CreateProgram(NewId(), program, "Shop", "EUR", 10, null, null, null))).Unwrap();
        var member = NewId();
        (await Member(program, member).Enroll(new EnrollMember(NewId(), program, member, null))).Unwrap();
        return (program, member);
    }

    private IMemberGrain Member(string program, string member) =>
        fixture.Grains.GetGrain<IMemberGrain>(MemberKey.For(program, member));

    private RecordPurchase Purchase(string program, string member, long priceMinor) => new(
        NewId(), program, member, "merchant-1", "store-1", "term-1", "EUR",
        [new PurchaseLine("sku-1", "general", 1, priceMinor)], fixture.Time.GetUtcNow());


    private static async Task DeactivateAsync(IMemberGrain grain)
    {
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        // Deactivation completes asynchronously after the call returns.
        await Task.Delay(200);
    }

    private static string NewId() => Guid.NewGuid().ToString("N")[..20];
}
