using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Grains.Tests;

/// <summary>
/// The member grain keeps only what is open: a return reads its purchase back from the journal, a retry reads its
/// answer back, and purchases past the program's return horizon are closed (refused, no longer kept).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClosingTheBooksTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_return_reads_its_purchase_from_the_journal_and_a_purchase_past_the_horizon_is_closed()
    {
        var program = NewId();
        (await fixture.Grains.GetGrain<IProgramGrain>(program).Create(
            new CreateProgram(NewId(), program, "Cafe", "EUR", 10, null, null, null, ReturnHorizon: TimeSpan.FromDays(30)))).Unwrap();
        var member = NewId();
        var grain = fixture.Grains.GetGrain<IMemberGrain>(MemberKey.For(program, member));
        (await grain.Enroll(new EnrollMember(NewId(), program, member, null))).Unwrap();
        var buy = Purchase(program, member, 2, 1_000);
        var old = (await grain.RecordPurchase(buy)).Unwrap();

        // A retry gets the same answer, read back from the journal.
        var retried = (await grain.RecordPurchase(buy)).Unwrap();
        var ret = (await grain.RecordReturn(Return(program, member, old.TransactionId, 1))).Unwrap();

        Assert.Equal((old.TransactionId, old.Points, old.BalanceAfter), (retried.TransactionId, retried.Points, retried.BalanceAfter));
        Assert.Equal((100L, 1_000L, false), (ret.Points, ret.RefundMinor, ret.FullyReturned));

        fixture.Time.Advance(TimeSpan.FromDays(40));
        var recent = (await grain.RecordPurchase(Purchase(program, member, 1, 500))).Unwrap();
        var refused = await grain.RecordReturn(Return(program, member, old.TransactionId, 1));
        var kept = (await grain.RecordReturn(Return(program, member, recent.TransactionId, 1))).Unwrap();

        Assert.Equal(("RETURN_WINDOW_CLOSED", ErrorKind.FailedPrecondition), (refused.Error?.Reason, refused.Error?.Kind));
        Assert.Equal((50L, true), (kept.Points, kept.FullyReturned));
        var ledger = (await grain.ListLedger(10, null)).Unwrap().Entries;
        Assert.Equal([LedgerEntryType.Return, LedgerEntryType.Purchase, LedgerEntryType.Return, LedgerEntryType.Purchase],
            ledger.Select(e => e.Type));
        Assert.Equal(new Balance(Available: 100, LifetimeEarned: 250, LifetimeReversed: 150), (await grain.Get()).Unwrap().Balance);
    }

    private RecordPurchase Purchase(string program, string member, long quantity, long unitPriceMinor) => new(
        NewId(), program, member, "merchant-1", "store-1", "term-1", "EUR",
        [new PurchaseLine("sku-1", "general", quantity, unitPriceMinor)], fixture.Time.GetUtcNow());

    private static RecordReturn Return(string program, string member, string transactionId, long quantity) =>
        new(NewId(), program, member, transactionId, [new ReturnLine("sku-1", quantity)], null, null, null, null);

    private static string NewId() => Guid.NewGuid().ToString("N")[..20];
}
