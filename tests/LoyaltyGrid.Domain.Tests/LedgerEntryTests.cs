using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

public sealed class LedgerEntryTests
{
    private readonly TestMember member = TestMember.Enrolled(new ProgramBuilder().InCurrency("EUR", 10).WithoutNegativeBalances());

    private LedgerEntry? EntryFor(MemberEvent e)
    {
        var applied = member.Journal.Single(j => ReferenceEquals(j.Event, e));
        return Assert.Single(LedgerEntry.From(applied.Sequence, e));
    }

    [Fact]
    public void Enrolment_is_not_a_ledger_entry()
    {
        var (sequence, enrolled, _) = Assert.Single(member.Journal);

        Assert.IsType<MemberEnrolled>(enrolled);
        Assert.Empty(LedgerEntry.From(sequence, enrolled));
    }

    [Fact]
    public void Purchase_is_an_entry_adding_the_earned_points_to_available()
    {
        var purchase = member.Buy(new Basket().Line("coffee-beans", 2, 1999).Line("mug", 1, 500));

        Assert.Equal(
            new LedgerEntry(2, LedgerEntryType.Purchase, 449, 449, 0, MemberAccount.BaseRateRule,
                "Purchase of 44.98 EUR earned 449 points", purchase.RequestId, purchase.TransactionId, null,
                "merchant-1", "store-1", "till-1", TestClock.Start, TestClock.Start, member.Balance),
            EntryFor(purchase));
    }

    [Theory]
    [InlineData("JPY", 1234L, "Purchase of 1234 JPY earned 1234 points")]
    [InlineData("KWD", 12_005L, "Purchase of 12.005 KWD earned 12 points")]
    [InlineData("EUR", 7L, "Purchase of 0.07 EUR earned 0 points")]
    public void Purchase_entry_shows_the_amount_with_the_currency_minor_digits(string currency, long totalMinor, string description)
    {
        var shopper = TestMember.Enrolled(new ProgramBuilder().InCurrency(currency, 1));
        var purchase = shopper.Buy(new Basket().Line("item", 1, totalMinor));

        Assert.Equal(description, Assert.Single(LedgerEntry.From(2, purchase)).Description);
    }

    [Fact]
    public void Return_is_an_entry_taking_the_reversed_points_from_available()
    {
        var purchase = member.Buy(new Basket().Line("item", 4, 1000));
        var ret = member.Return(purchase.TransactionId, ("item", 3));

        Assert.Equal(
            new LedgerEntry(3, LedgerEntryType.Return, -300, -300, 0, MemberAccount.BaseRateRule,
                $"Return of 3 item(s) from {purchase.TransactionId} reversed 300 points", ret.RequestId, purchase.TransactionId, null,
                "merchant-1", "store-1", "till-1", TestClock.Start, TestClock.Start, new Balance(Available: 100, LifetimeEarned: 400, LifetimeReversed: 300)),
            EntryFor(ret));
    }

    [Fact]
    public void Return_entry_counts_only_the_points_taken_and_says_what_was_written_off()
    {
        var purchase = member.Buy(new Basket().Line("item", 2, 1000));
        member.Capture(member.Authorize(150).HoldId);
        var ret = member.Return(purchase.TransactionId, ("item", 2));

        var entries = LedgerEntry.From(member.Journal.Single(j => ReferenceEquals(j.Event, ret)).Sequence, ret);

        // The statement names the rule whose points came back, and shows the part not taken as a write-off.
        Assert.Equal(
            [(LedgerEntryType.Return, MemberAccount.BaseRateRule, -200L, -200L), (LedgerEntryType.Return, "write-off", 150L, 150L)],
            entries.Select(e => (e.Type, e.Rule, e.Points, e.AvailableDelta)));
        Assert.Equal(-50L, entries.Sum(e => e.Points));
        Assert.Equal("150 points not taken back: negative balances are off in this program", entries[1].Description);
    }

    [Fact]
    public void Hold_is_an_entry_moving_points_from_available_to_held_without_changing_the_total()
    {
        member.Buy(new Basket().Line("item", 1, 10_000));
        var hold = member.Authorize(300);

        Assert.Equal(
            new LedgerEntry(3, LedgerEntryType.Hold, 0, -300, 300, "redemption",
                $"300 points held for redemption until {hold.ExpiresAt:O}", hold.RequestId, null, hold.HoldId,
                "merchant-1", "store-1", "till-1", TestClock.Start, TestClock.Start, new Balance(Available: 700, Held: 300, LifetimeEarned: 1000)),
            EntryFor(hold));
    }

    [Fact]
    public void Capture_is_an_entry_taking_the_points_from_held()
    {
        member.Buy(new Basket().Line("item", 1, 10_000));
        var hold = member.Authorize(300);
        var capture = member.Capture(hold.HoldId);

        Assert.Equal(
            new LedgerEntry(4, LedgerEntryType.Capture, -300, 0, -300, "redemption",
                "300 points redeemed", capture.RequestId, null, hold.HoldId,
                "merchant-1", null, null, TestClock.Start, TestClock.Start, new Balance(Available: 700, LifetimeEarned: 1000, LifetimeRedeemed: 300)),
            EntryFor(capture));
    }

    [Fact]
    public void Void_is_an_entry_moving_the_points_back_to_available()
    {
        member.Buy(new Basket().Line("item", 1, 10_000));
        var hold = member.Authorize(300);
        var release = member.Void(hold.HoldId);

        Assert.Equal(
            new LedgerEntry(4, LedgerEntryType.Release, 0, 300, -300, "void",
                "300 held points released: the redemption was voided", release.RequestId, null, hold.HoldId,
                "merchant-1", null, null, TestClock.Start, TestClock.Start, new Balance(Available: 1000, LifetimeEarned: 1000)),
            EntryFor(release));
    }

    [Fact]
    public void Expiry_is_an_entry_without_a_request_dated_when_the_hold_expired()
    {
        member.Buy(new Basket().Line("item", 1, 10_000));
        var hold = member.Authorize(300);
        member.Now = hold.ExpiresAt.AddMinutes(3);
        var release = Assert.Single(member.ExpireHolds());

        Assert.Equal(
            new LedgerEntry(4, LedgerEntryType.Release, 0, 300, -300, "hold-expiry",
                "300 held points released: the hold expired uncaptured", null, null, hold.HoldId,
                "merchant-1", null, null, hold.ExpiresAt, member.Now, new Balance(Available: 1000, LifetimeEarned: 1000)),
            EntryFor(release));
    }
}
