using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Tests.Builders;
using static LoyaltyGrid.Domain.Tests.Coalitions.CoalitionProgram;

namespace LoyaltyGrid.Domain.Tests.Coalitions;

/// <summary><see cref="CoalitionRules.PartnerAt"/>: which terms are in force for a merchant at a moment, if any.</summary>
public sealed class CoalitionRulesTests
{
    private static readonly PartnerTerms Old = Terms("bakery", 1_000, 900);
    private static readonly PartnerTerms New = Terms("bakery", 1_200, 950, earnRate: 12);
    private static readonly PartnerTerms Again = Terms("bakery", 1_100, 1_000);

    /// <summary>bakery: joins 1 May, new terms 15 June, leaves 1 July, joins again 1 August.</summary>
    private static CoalitionProgram History() => new CoalitionProgram(withPartners: false)
        .Join(Old)
        .Update(New, effectiveFrom: At(6, 15))
        .Remove("bakery", effectiveFrom: July)
        .Join(Again, effectiveFrom: August);

    public static TheoryData<DateTimeOffset, PartnerTerms?> Moments => new()
    {
        { SetUpAt.AddTicks(-1), null },
        { SetUpAt, Old },
        { At(6, 15).AddTicks(-1), Old },
        { At(6, 15), New },
        { July.AddTicks(-1), New },
        { July, null },
        { August.AddTicks(-1), null },
        { August, Again },
        { At(12, 31), Again },
    };

    [Theory]
    [MemberData(nameof(Moments))]
    public void A_partner_has_the_terms_of_the_moment_and_none_before_joining_or_while_it_has_left(DateTimeOffset at, PartnerTerms? expected)
    {
        Assert.Equal(expected, CoalitionRules.PartnerAt(History().Rules, "bakery", at));
    }

    [Fact]
    public void A_partner_keeps_its_whole_history_through_leaving_and_joining_again()
    {
        var bakery = History().Rules.Coalition!.Partner("bakery")!;

        Assert.Equal(
            [new PartnerChange(SetUpAt, Old), new PartnerChange(At(6, 15), New), new PartnerChange(July, null), new PartnerChange(August, Again)],
            bakery.History);
        Assert.Equal((SetUpAt, (DateTimeOffset?)null), (bakery.JoinedAt(), bakery.LeftAt()));
    }

    [Fact]
    public void A_merchant_that_never_joined_is_not_a_partner()
    {
        Assert.Null(CoalitionRules.PartnerAt(History().Rules, "florist", At(6, 1)));
    }

    [Fact]
    public void A_retail_program_has_no_partners_at_all()
    {
        var retail = new RulesBuilder().Rules;

        Assert.False(CoalitionRules.IsCoalition(retail));
        Assert.Null(CoalitionRules.PartnerAt(retail, "bakery", At(6, 1)));
    }
}
