using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Tests.Builders;
using static LoyaltyGrid.Domain.Tests.Coalitions.CoalitionProgram;

namespace LoyaltyGrid.Domain.Tests.Coalitions;

/// <summary>Admin changes to a coalition through the program admin: what they do, what is refused and why.</summary>
public sealed class CoalitionAdminTests
{
    private readonly CoalitionProgram coalition = new();

    private RulesBuilder Program => coalition.Program;

    [Fact]
    public void Configuring_makes_a_retail_program_a_coalition_with_an_operator_and_a_valuation()
    {
        var program = new RulesBuilder { Now = SetUpAt };
        Assert.Null(program.Rules.Coalition);

        program.Do(new ConfigureCoalition(program.NextRequestId(), ProgramId, Admin, "Main Street", 950));

        var made = program.Rules.Coalition!;
        Assert.Equal("Main Street", made.OperatorName);
        Assert.Equal([new LiabilityValuation(SetUpAt, 950)], made.Valuations);
        Assert.Empty(made.Partners);
        Assert.Equal(1, program.Rules.Version);
    }

    [Fact]
    public void Partners_are_kept_in_merchant_id_order_each_with_the_history_of_its_terms()
    {
        coalition.Join(Terms("apothecary", 500, 400));

        Assert.Equal(["apothecary", "bakery", "books", "cafe"], coalition.Rules.Coalition!.Partners.Select(p => p.MerchantId));
        Assert.Equal([new PartnerChange(SetUpAt, Terms("books", 1_250, 1_100))], coalition.Rules.Coalition.Partner("books")!.History);
    }

    [Fact]
    public void Joining_twice_while_a_partner_is_refused()
    {
        Assert.Equal(Refusal.AlreadyExists("PARTNER_ALREADY_ACTIVE"), Program.Refuses(Join(Terms("books", 1, 1))));
    }

    [Fact]
    public void Joining_before_the_program_is_a_coalition_is_refused()
    {
        var retail = new RulesBuilder();

        Assert.Equal(Refusal.Precondition("NOT_A_COALITION"), retail.Refuses(Join(Terms("books", 1, 1))));
    }

    [Fact]
    public void Changing_or_removing_a_merchant_that_never_joined_is_refused_as_not_found()
    {
        Assert.Equal(Refusal.NotFound("PARTNER_NOT_FOUND"), Program.Refuses(Update(Terms("florist", 1, 1))));
        Assert.Equal(Refusal.NotFound("PARTNER_NOT_FOUND"), Program.Refuses(Remove("florist")));
        Assert.Equal(Refusal.NotFound("PARTNER_NOT_FOUND"), new RulesBuilder().Refuses(Remove("florist")));
    }

    [Fact]
    public void Leaving_twice_and_changing_the_terms_of_a_partner_that_left_are_refused()
    {
        coalition.Remove("cafe");

        Assert.Equal(Refusal.Precondition("PARTNER_ALREADY_LEFT"), Program.Refuses(Remove("cafe")));
        Assert.Equal(Refusal.Precondition("PARTNER_LEFT"), Program.Refuses(Update(Terms("cafe", 1, 1))));
    }

    [Fact]
    public void A_partner_that_left_may_join_again_and_keeps_its_history()
    {
        coalition.Remove("cafe", effectiveFrom: At(6, 1));
        Program.Now = At(7, 1);

        coalition.Join(Terms("cafe", 900, 1_000));

        Assert.Equal(
            [new PartnerChange(SetUpAt, Terms("cafe", 800, 1_000)), new PartnerChange(At(6, 1), null), new PartnerChange(At(7, 1), Terms("cafe", 900, 1_000))],
            coalition.Rules.Coalition!.Partner("cafe")!.History);
    }

    [Fact]
    public void A_change_may_not_take_effect_in_the_past_nor_more_than_a_year_ahead()
    {
        Assert.Equal(Refusal.Invalid("effective_from"), Program.Refuses(Update(Terms("books", 1, 1), SetUpAt.AddSeconds(-1))));
        Assert.Equal(Refusal.Invalid("effective_from"), Program.Refuses(Remove("books", SetUpAt.AddDays(367))));
        Assert.Equal(Refusal.Invalid("effective_from"), Program.Refuses(Join(Terms("florist", 1, 1), SetUpAt.AddDays(-1))));
    }

    [Fact]
    public void A_change_may_not_slip_in_before_one_already_scheduled()
    {
        coalition.Update(Terms("books", 2_000, 1_100), effectiveFrom: At(7, 1));

        Assert.Equal(Refusal.Precondition("PARTNER_CHANGE_SCHEDULED"), Program.Refuses(Remove("books", At(6, 1))));
        coalition.Remove("books", At(7, 1));
        Assert.Equal(Refusal.Precondition("PARTNER_CHANGE_SCHEDULED"), Program.Refuses(Join(Terms("books", 1, 1), At(6, 30))));
    }

    public static TheoryData<ICoalitionCommand, string[]> InvalidCommands => new()
    {
        { Join(Terms("", 1, 1)), ["terms.merchant_id"] },
        { Join(Terms("bad id", 1, 1)), ["terms.merchant_id"] },
        { Join(Terms("m", -1, 1)), ["terms.issue_price_minor_per_thousand_points"] },
        { Join(Terms("m", 1, CoalitionLimits.MaxPriceMinorPerThousandPoints + 1)), ["terms.redemption_reimbursement_minor_per_thousand_points"] },
        { Join(Terms("m", 1, 1, earnRate: -1)), ["terms.earn_rate_points_per_currency_unit"] },
        { Update(Terms("m", -1, -1, earnRate: 10_001)), ["terms.earn_rate_points_per_currency_unit", "terms.issue_price_minor_per_thousand_points", "terms.redemption_reimbursement_minor_per_thousand_points"] },
        { Remove(""), ["merchant_id"] },
        { new RemovePartner("", ProgramId, Admin, "m"), ["request_id"] },
        { new ConfigureCoalition("r", ProgramId, Admin, "", 1), ["operator_name"] },
        { new ConfigureCoalition("r", ProgramId, Admin, "Ops\n", -1), ["operator_name", "liability_value_minor_per_thousand_points"] },
    };

    [Theory]
    [MemberData(nameof(InvalidCommands))]
    public void Invalid_fields_are_refused_each_named(ICoalitionCommand command, string[] fields)
    {
        Assert.Equal(Refusal.Invalid(fields), Program.Refuses(command));
    }

    [Fact]
    public void A_retried_change_is_answered_as_the_first_time_and_changes_nothing()
    {
        var join = Join(Terms("florist", 700, 650));
        var first = Program.Do(join);
        var rules = coalition.Rules;
        Program.Now = At(6, 1);

        var retry = Program.Do(join);

        Assert.Null(retry.NewEvent);
        Assert.Same(first.Result, retry.Result);
        Assert.Same(rules, coalition.Rules);
        Assert.Equal(new PartnerJoined(Terms("florist", 700, 650), SetUpAt) with
        {
            RequestId = join.RequestId,
            Fingerprint = first.Result.Fingerprint,
            Actor = Admin,
            RecordedAt = SetUpAt,
        }, first.Result);
    }

    private static string NextRequestId() => $"coalition-req-{Guid.NewGuid():N}";

    private static JoinPartner Join(PartnerTerms terms, DateTimeOffset? effectiveFrom = null) =>
        new(NextRequestId(), ProgramId, Admin, terms, effectiveFrom);

    private static UpdatePartnerTerms Update(PartnerTerms terms, DateTimeOffset? effectiveFrom = null) =>
        new(NextRequestId(), ProgramId, Admin, terms, effectiveFrom);

    private static RemovePartner Remove(string merchantId, DateTimeOffset? effectiveFrom = null) =>
        new(NextRequestId(), ProgramId, Admin, merchantId, effectiveFrom);
}
