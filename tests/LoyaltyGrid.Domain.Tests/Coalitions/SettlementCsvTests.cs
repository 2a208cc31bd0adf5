using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Rewards;
using static LoyaltyGrid.Domain.Tests.Coalitions.CoalitionProgram;

namespace LoyaltyGrid.Domain.Tests.Coalitions;

public sealed class SettlementCsvTests
{
    [Fact]
    public void Csv_has_a_header_a_row_per_partner_then_the_operator_and_the_totals_with_unix_line_ends()
    {
        var coalition = new CoalitionProgram();
        var journal = new HandWrittenJournal();
        journal.Purchase("m1", "bakery", 2_000, At(6, 3));
        journal.Redeem("m1", "books", 1_500, At(6, 10));
        journal.Purchase("m2", "cafe", 333, At(6, 5));
        journal.Redeem("m2", "bakery", 333, At(6, 20));

        var csv = SettlementCsv.Write(coalition.Settle(June, July, journal));

        Assert.Equal(
            "program_id,currency,period_start,period_end,party,merchant_id,points_issued,points_reversed,points_written_off,points_redeemed,points_expired,points_reinstated,liability_change_points,issue_charge_minor,return_credit_minor,reimbursement_minor,owed_minor,due_minor,liability_change_minor,operator_result_minor,net_minor\n" +
            "prog-1,EUR,2025-06-01T00:00:00.0000000Z,2025-07-01T00:00:00.0000000Z,partner,bakery,2000,0,0,333,0,0,1667,2000,0,299,2000,299,0,0,-1701\n" +
            "prog-1,EUR,2025-06-01T00:00:00.0000000Z,2025-07-01T00:00:00.0000000Z,partner,books,0,0,0,1500,0,0,-1500,0,0,1650,0,1650,0,0,1650\n" +
            "prog-1,EUR,2025-06-01T00:00:00.0000000Z,2025-07-01T00:00:00.0000000Z,partner,cafe,333,0,0,0,0,0,333,266,0,0,266,0,0,0,-266\n" +
            "prog-1,EUR,2025-06-01T00:00:00.0000000Z,2025-07-01T00:00:00.0000000Z,operator,,0,0,0,0,0,0,0,0,0,0,0,0,500,-183,317\n" +
            "prog-1,EUR,2025-06-01T00:00:00.0000000Z,2025-07-01T00:00:00.0000000Z,total,,2333,0,0,1833,0,0,500,2266,0,1949,2266,1949,500,-183,0\n",
            csv);
    }

    [Fact]
    public void Period_bounds_are_written_in_utc_whatever_offset_they_were_given_in()
    {
        var coalition = new CoalitionProgram(withPartners: false);
        var berlin = TimeSpan.FromHours(2);

        var csv = SettlementCsv.Write(coalition.Settle(June.ToOffset(berlin), July.ToOffset(berlin), new HandWrittenJournal()));

        Assert.Equal(
            SettlementCsv.Header + "\n" +
            "prog-1,EUR,2025-06-01T00:00:00.0000000Z,2025-07-01T00:00:00.0000000Z,operator,,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\n" +
            "prog-1,EUR,2025-06-01T00:00:00.0000000Z,2025-07-01T00:00:00.0000000Z,total,,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\n",
            csv);
    }

    [Fact]
    public void Version_2s_reward_columns_count_each_partners_own_rewards_the_operators_own_and_all_of_them_on_the_totals_row()
    {
        var coalition = new CoalitionProgram();
        var journal = new HandWrittenJournal();
        journal.Purchase("m1", "bakery", 2_000, At(6, 3));
        RewardRedemptionUsage[] rewards =
        [
            new(null, "tote-bag", 2, 600),
            new("bakery", "free-loaf", 3, 450),
            new("bakery", "free-cake", 1, 400),
            new("books", "bookmark", -1, -100),
        ];

        var report = coalition.Settle(June, July, journal);
        var rows = SettlementCsv.Write(report, rewards, 2).Split('\n');
        var first = SettlementCsv.Write(report, rewards, 1).Split('\n');

        Assert.EndsWith(",reward_redemptions,reward_points_redeemed", rows[0]);
        Assert.StartsWith("prog-1,EUR,2025-06-01T00:00:00.0000000Z,2025-07-01T00:00:00.0000000Z,partner,bakery,", rows[1]);
        Assert.EndsWith(",4,850", rows[1]);
        Assert.EndsWith(",-1,-100", rows[2]);
        Assert.StartsWith("prog-1,EUR,2025-06-01T00:00:00.0000000Z,2025-07-01T00:00:00.0000000Z,partner,cafe,", rows[3]);
        Assert.EndsWith(",0,0", rows[3]);
        Assert.Contains(",operator,,", rows[4]);
        Assert.EndsWith(",2,600", rows[4]);
        Assert.Contains(",total,,", rows[5]);
        Assert.EndsWith(",5,1350", rows[5]);
        Assert.Equal("", rows[6]);
        // Version 1 is unchanged: the same rows without the two columns.
        Assert.Equal(rows.Select(r => r.Length == 0 ? r : r[..r.LastIndexOf(',', r.LastIndexOf(',') - 1)]), first);
        Assert.Equal(SettlementCsv.Write(report), string.Join('\n', first));
    }
}
