using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

public sealed class EarningTests
{
    [Fact]
    public void Purchase_earns_the_total_times_the_rate_rounded_down()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().InCurrency("EUR", 10));
        var basket = new Basket().Line("coffee-beans", 2, 1999).Line("mug", 1, 500); // 44.98 EUR

        var decision = member.Handle(member.PurchaseOf(basket));

        var purchase = Assert.IsType<PurchaseRecorded>(Assert.Single(decision.NewEvents));
        Assert.Same(purchase, decision.Result);
        var expectedBalance = new Balance(Available: 449, LifetimeEarned: 449);
        AssertJson.Equal(
            new PurchaseRecorded(purchase.TransactionId, "merchant-1", "store-1", "till-1", "EUR", basket.Lines, 4498, 449, MemberAccount.BaseRateRule)
            {
                RequestId = purchase.RequestId,
                Fingerprint = purchase.Fingerprint,
                OccurredAt = TestClock.Start,
                RecordedAt = TestClock.Start,
                BalanceAfter = expectedBalance,
                Components = [new PointsComponent(MemberAccount.BaseRateRule, null, 449, purchase.Components[0].Description) { LinePoints = [399, 50] }],
                LineNetMinor = [3998, 500],
                LineQualifyingMinor = [3998, 500],
            },
            purchase);
        Assert.StartsWith("tx_", purchase.TransactionId, StringComparison.Ordinal);
        Assert.Equal(expectedBalance, member.Balance);
    }

    [Theory]
    [InlineData(6)] // 3 points left to hand out: one at a time
    [InlineData(30)] // 15 left: by one sort
    public void Points_left_by_rounding_go_to_the_largest_remainders_and_among_equals_to_the_first_lines(int lines)
    {
        var member = TestMember.Enrolled(new ProgramBuilder().InCurrency("EUR", 1));
        var basket = new Basket();
        for (var i = 0; i < lines; i++)
        {
            basket.Line($"sku-{i}", 1, 150); // 1.5 points each
        }
        basket.Line("last", 1, 190); // 1.9: the largest remainder

        var purchase = Assert.IsType<PurchaseRecorded>(Assert.Single(member.Handle(member.PurchaseOf(basket)).NewEvents));

        var total = (lines * 150 + 190) / 100;
        Assert.Equal(total, purchase.Points);
        var left = total - lines - 1;
        long[] expected = [.. Enumerable.Range(0, lines).Select(i => i < left - 1 ? 2L : 1L), 2L];
        Assert.Equal(expected, purchase.Components[0].LinePoints);
    }

    [Fact]
    public void Points_are_computed_once_on_the_basket_total_not_per_line()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().InCurrency("EUR", 1));

        // Each line alone is 0.99 EUR, worth 0 points; together 1.98 EUR is worth 1.
        var purchase = member.Buy(new Basket().Line("a", 1, 99).Line("b", 1, 99));

        Assert.Equal((198L, 1L), (purchase.TotalMinor, purchase.Points));
    }

    [Theory]
    [InlineData("JPY", 1234L, 2L, 2468L)]      // no minor unit: 1234 JPY
    [InlineData("KWD", 12_345L, 10L, 123L)]    // three minor digits: 12.345 KWD
    [InlineData("EUR", 12_345L, 10L, 1234L)]   // two minor digits: 123.45 EUR
    [InlineData("CLF", 12_345L, 10L, 12L)]     // four minor digits: 1.2345 CLF
    public void Minor_units_are_converted_with_the_currency_exponent(string currency, long totalMinor, long rate, long expectedPoints)
    {
        var member = TestMember.Enrolled(new ProgramBuilder().InCurrency(currency, rate));

        var purchase = member.Buy(new Basket().Line("item", 1, totalMinor));

        Assert.Equal((totalMinor, expectedPoints), (purchase.TotalMinor, purchase.Points));
        Assert.Equal(new Balance(Available: expectedPoints, LifetimeEarned: expectedPoints), member.Balance);
    }

    [Fact]
    public void A_program_with_a_zero_rate_records_the_purchase_without_points()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().EarningPerCurrencyUnit(0));

        var purchase = member.Buy(new Basket().Line("item", 3, 1000));

        Assert.Equal((3000L, 0L), (purchase.TotalMinor, purchase.Points));
        Assert.Equal(Balance.Zero, member.Balance);
    }

    [Fact]
    public void Purchase_in_another_currency_than_the_program_is_an_invalid_currency()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().InCurrency("EUR", 10));

        var refusal = member.RefusesWithError(member.PurchaseOf(new Basket().Line("item", 1, 1000), currency: "USD"));

        Assert.Equal(Refusal.Invalid("currency"), Refusal.Of(refusal));
        Assert.Contains("EUR", refusal.Violations![0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Occurred_at_more_than_five_minutes_in_the_future_is_invalid()
    {
        var member = TestMember.Enrolled();

        var refusal = member.Refuses(member.PurchaseOf(new Basket().Line("item", 1, 1000), occurredAt: TestClock.Start.AddMinutes(5).AddSeconds(1)));

        Assert.Equal(Refusal.Invalid("occurred_at"), refusal);
    }

    [Fact]
    public void Occurred_at_up_to_five_minutes_ahead_is_accepted_as_clock_skew()
    {
        var member = TestMember.Enrolled();
        var occurredAt = TestClock.Start.AddMinutes(5);

        var purchase = member.Buy(new Basket().Line("item", 1, 1000), occurredAt);

        Assert.Equal((occurredAt, TestClock.Start), (purchase.OccurredAt, purchase.RecordedAt));
    }

    [Fact]
    public void Purchase_older_than_the_offline_window_is_refused()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().AcceptingOfflineFor(TimeSpan.FromDays(3)));

        var refusal = member.Refuses(member.PurchaseOf(new Basket().Line("item", 1, 1000), occurredAt: TestClock.Start.AddDays(-3).AddSeconds(-1)));

        Assert.Equal(Refusal.Precondition("OUTSIDE_OFFLINE_WINDOW"), refusal);
    }

    [Fact]
    public void Offline_purchase_within_the_window_keeps_when_it_happened()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().AcceptingOfflineFor(TimeSpan.FromDays(3)));
        var occurredAt = TestClock.Start.AddDays(-3);

        var purchase = member.Buy(new Basket().Line("item", 1, 1000), occurredAt);

        Assert.Equal((occurredAt, TestClock.Start, 100L), (purchase.OccurredAt, purchase.RecordedAt, purchase.Points));
        Assert.Equal(new Balance(Available: 100, LifetimeEarned: 100), member.Balance);
    }

    [Fact]
    public void Purchase_without_occurred_at_happened_now()
    {
        var member = TestMember.Enrolled();
        member.Advance(TimeSpan.FromHours(1));

        var purchase = member.Buy(new Basket().Line("item", 1, 1000));

        Assert.Equal((member.Now, member.Now), (purchase.OccurredAt, purchase.RecordedAt));
    }

    [Fact]
    public void Each_purchase_earns_separately_and_gets_its_own_transaction()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().InCurrency("EUR", 1));

        var first = member.Buy(new Basket().Line("item", 1, 150));
        var second = member.Buy(new Basket().Line("item", 1, 150));

        Assert.Equal((1L, 1L), (first.Points, second.Points));
        Assert.NotEqual(first.TransactionId, second.TransactionId);
        Assert.Equal(new Balance(Available: 2, LifetimeEarned: 2), member.Balance);
        Assert.Equal(new[] { first.TransactionId, second.TransactionId }.Order(StringComparer.Ordinal), member.State.Purchases.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Largest_allowed_purchase_earns_its_points_without_overflow()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().InCurrency("JPY", Limits.MaxPointsPerCurrencyUnit));
        var basket = LargestBasket();

        var purchase = member.Buy(basket);

        // 200 lines x 10 000 x 100 000 000 JPY = 2e14 JPY, at 10 000 points per yen.
        Assert.Equal((200_000_000_000_000L, 2_000_000_000_000_000_000L), (purchase.TotalMinor, purchase.Points));
    }

    [Fact]
    public void Balance_never_wraps_around_however_many_large_purchases_are_made()
    {
        var member = TestMember.Enrolled(new ProgramBuilder().InCurrency("JPY", Limits.MaxPointsPerCurrencyUnit));

        for (var i = 0; i < 5; i++)
        {
            try
            {
                member.Buy(LargestBasket());
            }
            catch (LoyaltyException)
            {
                break; // refusing is fine; a wrong balance is not
            }
        }

        Assert.InRange(member.Balance.Available, 1, long.MaxValue);
        Assert.Equal(member.Balance.Available, member.Balance.LifetimeEarned);
    }

    private static Basket LargestBasket()
    {
        var basket = new Basket();
        for (var i = 0; i < Limits.MaxLines; i++)
        {
            basket.Line($"sku-{i}", Limits.MaxQuantity, Limits.MaxUnitPriceMinor);
        }
        return basket;
    }
}
