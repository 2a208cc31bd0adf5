using System.Text.Json;
using System.Text.Json.Serialization;
using LoyaltyGrid.Domain.Benefits;
using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.Benefits;

/// <summary>Shared benefits: publishing and retiring them, who may use them where, and what a checkout records.</summary>
public sealed class BenefitTests
{
    private static readonly DateTimeOffset Start = TestClock.Start;

    private readonly RulesBuilder program = new RulesBuilder().Tier("silver", 10_000, 100).Tier("gold", 50_000, 100);

    private PublishBenefit Publish(string id, BenefitKind kind = BenefitKind.PercentageDiscount, int percentOff = 10,
        long amountOffMinor = 0, FreeService service = FreeService.None, long bonusPoints = 0, PromotionTarget? target = null,
        DateTimeOffset? validFrom = null, DateTimeOffset? validUntil = null, params string[] merchants) =>
        new(program.NextRequestId(), RulesBuilder.ProgramId, RulesBuilder.Admin, id, $"Benefit {id}", kind, percentOff, amountOffMinor,
            service, bonusPoints, target ?? PromotionTarget.Everyone, validFrom, validUntil ?? Start.AddDays(30), merchants);

    private TestMember Member() => TestMember.Enrolled(program.Rules);

    [Fact]
    public void A_published_benefit_is_listed_at_participating_merchants_only_and_its_audit_entry_says_who_and_when()
    {
        program.Now = Start.AddMinutes(5);
        var published = (BenefitPublished)program.Do(Publish("ten-off", merchants: ["merchant-1", "merchant-2"])).Result;
        var member = Member();
        member.Now = Start.AddMinutes(5);

        var here = (PurchaseRecorded)member.Handle(member.PurchaseOf(new Basket().Line("a", 1, 1_000))).Result;
        var elsewhere = (PurchaseRecorded)member.Handle(member.PurchaseOf(new Basket().Line("a", 1, 1_000), merchantId: "merchant-3")).Result;

        Assert.Equal((RulesBuilder.Admin, Start.AddMinutes(5), Start.AddMinutes(5)), (published.Actor, published.RecordedAt, published.Benefit.ValidFrom));
        Assert.Equal([new BenefitOffer("ten-off", "Benefit ten-off", BenefitKind.PercentageDiscount, 10, 0, FreeService.None, 0, Start.AddDays(30))],
            here.EligibleBenefits);
        Assert.Empty(here.AppliedBenefitIds);
        Assert.Empty(elsewhere.EligibleBenefits);
    }

    [Fact]
    public void A_benefit_for_a_tier_is_not_offered_to_members_outside_it_nor_before_or_after_its_validity()
    {
        program.Do(Publish("gold-service", BenefitKind.FreeService, percentOff: 0, service: FreeService.OnSiteService,
            target: new PromotionTarget(TargetKind.Tiers, ["gold"], 0)));
        program.Do(Publish("later", validFrom: Start.AddDays(1), validUntil: Start.AddDays(2)));
        var member = Member();

        Assert.Empty(member.Buy(new Basket().Line("a", 1, 100)).EligibleBenefits);
        member.Advance(TimeSpan.FromDays(1));
        Assert.Equal(["later"], member.Buy(new Basket().Line("a", 1, 100)).EligibleBenefits.Select(b => b.BenefitId));
        member.Advance(TimeSpan.FromDays(1));
        Assert.Empty(member.Buy(new Basket().Line("a", 1, 100)).EligibleBenefits);
    }

    [Fact]
    public void Applying_a_benefit_the_member_may_not_use_here_is_refused_and_records_nothing()
    {
        program.Do(Publish("m1-only", merchants: ["merchant-1"]));
        var member = Member();

        var purchase = member.PurchaseOf(new Basket().Line("a", 1, 1_000), merchantId: "merchant-2") with { AppliedBenefitIds = ["ok", "m1-only"] };

        Assert.Equal(Refusal.Invalid("applied_benefit_ids[0]", "applied_benefit_ids[1]"), member.Refuses(purchase));
        Assert.Equal(0, member.Balance.LifetimeEarned);
    }

    [Fact]
    public void An_applied_bonus_points_benefit_adds_its_points_and_a_full_return_takes_them_back()
    {
        program.Do(Publish("bonus", BenefitKind.BonusPoints, percentOff: 0, bonusPoints: 250));
        program.Do(Publish("early", BenefitKind.EarlySaleAccess, percentOff: 0));
        var member = Member();

        var bought = (PurchaseRecorded)member.Handle(member.PurchaseOf(new Basket().Line("a", 2, 1_000)) with { AppliedBenefitIds = ["bonus", "early"] }).Result;
        member.Return(bought.TransactionId, ("a", 2));

        Assert.Equal(200 + 250, bought.Points);
        Assert.Equal(["bonus", "early"], bought.AppliedBenefitIds);
        Assert.Contains(bought.Components, c => c is { Rule: "benefit:bonus", Points: 250 });
        Assert.Equal(0, member.Balance.Available);
    }

    [Fact]
    public void A_retired_benefit_is_no_longer_offered_and_cannot_be_retired_twice()
    {
        program.Do(Publish("p"));
        program.Now = Start.AddHours(1);
        var retired = (BenefitRetired)program.Do(new RetireBenefit(program.NextRequestId(), RulesBuilder.ProgramId, "ops@test", "p")).Result;
        var member = Member();
        member.Now = Start.AddHours(2);

        Assert.Equal(("ops@test", Start.AddHours(1)), (retired.Actor, retired.RecordedAt));
        Assert.Equal((Start.AddHours(1), "ops@test"), (program.Rules.Benefit("p")!.RetiredAt, program.Rules.Benefit("p")!.RetiredBy));
        Assert.Empty(member.Buy(new Basket().Line("a", 1, 100)).EligibleBenefits);
        Assert.Equal(Refusal.Precondition("BENEFIT_ALREADY_ENDED"),
            program.Refuses(new RetireBenefit(program.NextRequestId(), RulesBuilder.ProgramId, "ops@test", "p")));
        Assert.Equal(Refusal.NotFound("BENEFIT_NOT_FOUND"),
            program.Refuses(new RetireBenefit(program.NextRequestId(), RulesBuilder.ProgramId, "ops@test", "nope")));
    }

    [Fact]
    public void A_retried_publication_answers_the_first_and_a_second_benefit_with_the_same_id_is_refused()
    {
        var request = Publish("p");
        var first = program.Do(request);
        var retry = program.Do(request);

        Assert.Null(retry.NewEvent);
        Assert.Same(first.Result, retry.Result);
        Assert.Equal(Refusal.AlreadyExists("BENEFIT_ALREADY_EXISTS"), program.Refuses(Publish("p")));
    }

    public static TheoryData<BenefitKind, int, long, FreeService, long, string[]> InvalidKinds => new()
    {
        { BenefitKind.PercentageDiscount, 0, 0, FreeService.None, 0, ["percent_off"] },
        { BenefitKind.PercentageDiscount, 101, 0, FreeService.None, 0, ["percent_off"] },
        { BenefitKind.FixedDiscount, 10, 0, FreeService.None, 0, ["percent_off", "amount_off_minor"] },
        { BenefitKind.FreeService, 0, 0, FreeService.None, 0, ["free_service"] },
        { BenefitKind.BonusPoints, 0, 0, FreeService.ExtendedWarranty, 0, ["bonus_points", "free_service"] },
    };

    [Theory]
    [MemberData(nameof(InvalidKinds))]
    public void Each_kind_needs_its_own_value_and_no_other(BenefitKind kind, int percentOff, long amountOffMinor, FreeService service, long bonusPoints, string[] fields)
    {
        Assert.Equal(Refusal.Invalid(fields), program.Refuses(Publish("p", kind, percentOff, amountOffMinor, service, bonusPoints)));
    }

    [Fact]
    public void Unknown_tiers_past_validity_and_repeated_merchants_are_refused_together()
    {
        program.Now = Start.AddDays(40);
        var request = Publish("p", target: new PromotionTarget(TargetKind.Tiers, ["platinum"], 0), validFrom: Start, merchants: ["m", "m"]);

        Assert.Equal(Refusal.Invalid("merchant_ids[1]"), program.Refuses(request));
        Assert.Equal(Refusal.Invalid("target.tier_ids[0]", "valid_until"),
            program.Refuses(request with { MerchantIds = ["m"] }));
    }

    [Fact]
    public void Usage_is_counted_per_partner_and_benefit_within_the_period()
    {
        program.Do(Publish("a"));
        program.Do(Publish("b"));
        var member = Member();
        var journal = new List<JournaledMemberEvent>();
        void Buy(string merchant, params string[] applied)
        {
            var decision = member.Handle(member.PurchaseOf(new Basket().Line("x", 1, 100), merchantId: merchant) with { AppliedBenefitIds = applied });
            journal.Add(new JournaledMemberEvent("member-1", journal.Count + 1, decision.Result));
        }

        Buy("m1", "a", "b");
        Buy("m1", "a");
        Buy("m2", "b");
        Buy("m2");
        member.Advance(TimeSpan.FromDays(2));
        Buy("m2", "a");

        Assert.Equal([new BenefitUsage("m1", "a", 2), new BenefitUsage("m1", "b", 1), new BenefitUsage("m2", "b", 1)],
            BenefitUsage.Count(journal, Start, Start.AddDays(1)));
    }

    [Fact]
    public void Benefit_events_round_trip_through_the_journal_and_a_purchase_without_benefits_keeps_its_fingerprint()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General) { Converters = { new JsonStringEnumConverter() } };
        program.Do(Publish("p", target: new PromotionTarget(TargetKind.Tiers, ["gold"], 0), merchants: ["m1"]));
        program.Do(new RetireBenefit("retire-1", RulesBuilder.ProgramId, "ops@test", "p"));
        var replayed = new ProgramState();
        for (var sequence = 1; sequence <= program.State.Version; sequence++)
        {
            var e = program.State.Request(sequence == program.State.Version ? "retire-1" : sequence == 1 ? "req-program" : $"admin-req-{sequence - 1}")!;
            var json = JsonSerializer.Serialize(e, options);
            Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<ProgramEvent>(json, options), options));
            replayed.Apply(JsonSerializer.Deserialize<ProgramEvent>(json, options)!, sequence);
        }
        var member = Member();
        var purchase = member.PurchaseOf(new Basket().Line("a", 1, 100));

        Assert.Equal(JsonSerializer.Serialize(program.Rules.Benefits, options), JsonSerializer.Serialize(replayed.Rules!.Benefits, options));
        Assert.DoesNotContain("AppliedBenefitIds", JsonSerializer.Serialize(purchase));
    }
}
