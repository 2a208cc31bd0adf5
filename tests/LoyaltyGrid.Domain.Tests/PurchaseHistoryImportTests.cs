using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

public sealed class PurchaseHistoryImportTests
{
    private static readonly DateTimeOffset YearsAgo = TestClock.Start.AddYears(-6);

    private static ImportHistoricalPurchase Purchase(long amount = 12_995, string? merchant = "acme", string? store = "s1") =>
        new("history-1", TestMember.ProgramId, "member-1", "legacy-1", YearsAgo, amount, null, merchant, store, false, false);

    [Fact]
    public void A_purchase_years_old_is_imported_with_the_programs_currency_and_earns_nothing()
    {
        var rules = new RulesBuilder().Rules;

        Assert.Empty(PurchaseHistoryImport.Check(Purchase(), rules, TestClock.Start));
        var imported = PurchaseHistoryImport.Decide(Purchase(), rules, TestClock.Start);

        Assert.Equal(new HistoricalPurchaseImported(TestMember.ProgramId, "member-1", "legacy-1", 12_995, rules.Settings.Currency, "acme", "s1", "history-1")
        {
            RequestId = "history-1", OccurredAt = YearsAgo, RecordedAt = TestClock.Start,
        }, imported);
        Assert.Equal(Balance.Zero, imported.ApplyTo(Balance.Zero));
    }

    [Fact]
    public void Check_names_every_bad_field_and_refuses_points_and_tier_credit()
    {
        var rules = new RulesBuilder().Rules;
        var bad = new ImportHistoricalPurchase("", "other-program", "", "legacy 1", TestClock.Start.AddHours(1), -1, "XXX", null, "s1", true, true);

        var fields = PurchaseHistoryImport.Check(bad, rules, TestClock.Start).Select(v => v.Field);

        Assert.Equal(["import_id", "member_id", "purchase_id", "amount_minor", "program_id", "occurred_at", "currency", "merchant_id",
            "award_points", "count_towards_tiers"], fields);
        Assert.Equal("HISTORY_POINTS_NOT_SUPPORTED", PurchaseHistoryImport.CheckCall(bad)!.Reason);
        Assert.Equal("HISTORY_TIERS_NOT_SUPPORTED", PurchaseHistoryImport.CheckCall(bad with { AwardPoints = false })!.Reason);
        Assert.Null(PurchaseHistoryImport.CheckCall(Purchase()));
    }

    [Fact]
    public void The_same_purchase_sent_again_has_no_differences_whatever_its_import_id_and_a_changed_one_names_its_fields()
    {
        var rules = new RulesBuilder().Rules;
        var stored = PurchaseHistoryImport.Decide(Purchase(), rules, TestClock.Start);

        Assert.Empty(PurchaseHistoryImport.Differences(stored, Purchase() with { ImportId = "history-2" }));
        Assert.Equal(["amount_minor", "store_id"], PurchaseHistoryImport.Differences(stored, Purchase(amount: 1, store: "")));
    }
}
