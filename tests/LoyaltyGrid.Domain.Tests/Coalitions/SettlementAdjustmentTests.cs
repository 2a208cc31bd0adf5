using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Members;
using static LoyaltyGrid.Domain.Tests.Coalitions.CoalitionProgram;

namespace LoyaltyGrid.Domain.Tests.Coalitions;

/// <summary>Manual adjustments and cancelled earnings in a coalition's settlement.</summary>
public sealed class SettlementAdjustmentTests
{
    private readonly CoalitionProgram coalition = new();
    private readonly HandWrittenJournal journal = new();

    [Fact]
    public void Adjustments_are_the_operators_and_a_cancelled_purchase_is_credited_to_the_partner_that_issued_it()
    {
        journal.Add("m1", Adjusted(500, At(6, 3)));
        journal.Add("m1", Adjusted(-100, At(6, 4)));
        var purchase = journal.Purchase("m1", "books", 1_000, At(6, 5));
        journal.Add("m1", new EarningCancelled(purchase, null, 1_000, 0, AdjustmentReason.Correction, "fraud", "key:k (desk)")
            { OccurredAt = At(6, 6), RecordedAt = At(6, 6) });

        var june = SettlementOf(June, July);

        // The operator issued 500 and took back 100: 400 points out, its liability. Books issued 1000 and got them back.
        Assert.Equal([("books", 1_000L, 1_000L, 0L), ("operator", 500L, 100L, 400L)],
            june.Partners.Where(l => l.PointsIssued != 0).Append(june.Operator)
                .Select(l => (l.MerchantId ?? "operator", l.PointsIssued, l.PointsReversed, l.LiabilityChangePoints)));
        Assert.Equal(0, june.Partners.Sum(l => l.NetMinor) + june.Operator.NetMinor);
        Assert.Equal(400L, june.OutstandingPointsAtEnd);
        var books = june.Partners.Single(l => l.MerchantId == "books");
        Assert.Equal(books.IssueChargeMinor, books.ReturnCreditMinor);
    }

    private static PointsAdjusted Adjusted(long points, DateTimeOffset at) =>
        new($"adj_{points}", points, AdjustmentReason.Goodwill, "note", "key:k (desk)", null) { OccurredAt = at, RecordedAt = at };

    private SettlementReport SettlementOf(DateTimeOffset from, DateTimeOffset until)
    {
        var report = coalition.Settle(from, until, journal);
        SettlementTests.AssertZeroSum(report);
        return report;
    }
}
