using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.Coalitions;

/// <summary>
/// Partner referrals: a partner's code enrols a member as the partner's referral; the member's first purchase at another
/// partner makes the referrer's fee due, once, owed by the partner where the member bought, in the settlement.
/// </summary>
public sealed class PartnerReferralTests
{
    private static readonly string BakeryCode = PartnerReferrals.CodeOf(CoalitionProgram.ProgramId, "bakery", 1);

    /// <summary>The coalition's three partners; the bakery pays 5.00 a referral, the others nothing.</summary>
    private static CoalitionProgram Coalition()
    {
        var coalition = new CoalitionProgram();
        coalition.Update(CoalitionProgram.Terms("bakery", 1_000, 900) with { ReferralFeeMinor = 500 });
        return coalition;
    }

    private static TestMember Referred(CoalitionProgram coalition, string memberId = "ann", string partnerId = "bakery")
    {
        var member = TestMember.NotEnrolled(memberId: memberId);
        member.Rules = coalition.Rules;
        member.Now = CoalitionProgram.June;
        member.Handle(member.Enrolment() with { ReferralCode = BakeryCode, ReferringPartnerId = partnerId });
        return member;
    }

    private static RecordPurchase At(TestMember member, string merchantId, string? requestId = null) =>
        member.PurchaseOf(new Basket().Line("bread", 1, 1_000), merchantId: merchantId, requestId: requestId);

    private static PartnerReferralFeeDue[] Fees(TestMember member) => member.Journal.Select(j => j.Event).OfType<PartnerReferralFeeDue>().ToArray();

    [Fact]
    public void A_partners_code_enrols_the_member_as_the_partners_referral_with_no_member_referral()
    {
        var ann = Referred(Coalition());

        var events = ann.Journal.Select(j => j.Event).ToArray();
        Assert.Equal(new PartnerReferred("bakery", BakeryCode) { OccurredAt = CoalitionProgram.June, RecordedAt = CoalitionProgram.June, RequestId = "req-1" },
            events.OfType<PartnerReferred>().Single() with { BalanceAfter = Balance.Zero });
        Assert.Empty(events.OfType<ReferredBy>());
        Assert.Equal(("bakery", false), (ann.State.ReferringPartnerId, ann.State.PartnerReferralFeeRaised));
        Assert.Null(ann.State.Referral);
    }

    [Fact]
    public void The_first_purchase_at_another_partner_makes_the_referrers_fee_due_once_and_a_purchase_at_the_referrer_does_not()
    {
        var ann = Referred(Coalition());

        var atBakery = ann.Handle(At(ann, "bakery"));
        var atBooks = ann.Handle(At(ann, "books"));
        var again = ann.Handle(At(ann, "cafe"));

        Assert.DoesNotContain(atBakery.NewEvents, e => e is PartnerReferralFeeDue);
        var tx = ((PurchaseRecorded)atBooks.Result).TransactionId;
        var fee = Assert.Single(atBooks.NewEvents.OfType<PartnerReferralFeeDue>());
        Assert.Equal(("bakery", "books", tx, 500L), (fee.PartnerId, fee.MerchantId, fee.TransactionId, fee.FeeMinor));
        Assert.Equal(atBooks.Result.RequestId, fee.RequestId);
        Assert.Equal(Balance.Zero.Total, fee.ApplyTo(Balance.Zero).Total);
        Assert.DoesNotContain(again.NewEvents, e => e is PartnerReferralFeeDue);
        Assert.Single(Fees(ann));
        Assert.True(ann.State.PartnerReferralFeeRaised);
    }

    [Fact]
    public void The_fee_is_the_referrers_in_force_when_the_purchase_is_recorded_and_0_once_it_has_left()
    {
        var coalition = Coalition();
        var ann = Referred(coalition, "ann");
        var bob = Referred(coalition, "bob");
        coalition.Program.Now = CoalitionProgram.June.AddDays(1);
        coalition.Update(CoalitionProgram.Terms("bakery", 1_000, 900) with { ReferralFeeMinor = 750 });
        ann.Rules = coalition.Rules;
        ann.Now = CoalitionProgram.June.AddDays(2);
        ann.Handle(At(ann, "books"));
        coalition.Remove("bakery");
        bob.Rules = coalition.Rules;
        bob.Now = CoalitionProgram.June.AddDays(3);
        bob.Handle(At(bob, "books"));

        Assert.Equal(750, Fees(ann).Single().FeeMinor);
        Assert.Equal(0, Fees(bob).Single().FeeMinor);
    }

    [Fact]
    public void A_refused_purchase_or_a_retry_of_the_same_request_changes_nothing()
    {
        var ann = Referred(Coalition());

        Assert.Equal(Refusal.Precondition("NOT_A_PARTNER"), ann.Refuses(At(ann, "florist")));
        Assert.Empty(Fees(ann));
        Assert.False(ann.State.PartnerReferralFeeRaised);
        var first = ann.Handle(At(ann, "books", requestId: "till-1-0001"));
        var retry = ann.Handle(At(ann, "books", requestId: "till-1-0001"));

        Assert.NotNull(retry.ReplayOf);
        Assert.Empty(retry.NewEvents);
        Assert.Equal(((PurchaseRecorded)first.Result).TransactionId, ((PurchaseRecorded)retry.Result).TransactionId);
        Assert.Single(Fees(ann));
    }

    [Fact]
    public void A_member_without_a_partner_referral_never_makes_a_fee_due()
    {
        var coalition = Coalition();
        var member = TestMember.Enrolled(coalition.Rules);
        member.Now = CoalitionProgram.June;

        member.Handle(At(member, "books"));
        member.Handle(At(member, "bakery"));

        Assert.Empty(Fees(member));
    }

    [Fact]
    public void Settlement_pays_the_fee_to_the_referrer_from_the_partner_where_the_member_bought_in_net_and_zero_sum()
    {
        var coalition = Coalition();
        var ann = Referred(coalition);
        ann.Handle(At(ann, "bakery"));
        ann.Handle(At(ann, "books"));
        ann.Handle(At(ann, "books"));
        var events = ann.Journal.Select(j => new JournaledMemberEvent(HandWrittenJournal.StreamOf("ann"), j.Sequence, j.Event)).ToArray();

        var report = Settlement.Compute(coalition.Rules, CoalitionProgram.June, CoalitionProgram.July, events);
        var without = Settlement.Compute(coalition.Rules, CoalitionProgram.June, CoalitionProgram.July,
            events.Where(e => e.Event is not PartnerReferralFeeDue));

        SettlementTests.AssertZeroSum(report);
        var bakery = report.Partners.Single(p => p.MerchantId == "bakery");
        var books = report.Partners.Single(p => p.MerchantId == "books");
        Assert.Equal((500L, 0L, 1L, 0L), (bakery.ReferralFeesEarnedMinor, bakery.ReferralFeesOwedMinor, bakery.ReferralsEarned, bakery.ReferralsOwed));
        Assert.Equal((0L, 500L, 0L, 1L), (books.ReferralFeesEarnedMinor, books.ReferralFeesOwedMinor, books.ReferralsEarned, books.ReferralsOwed));
        Assert.Equal(without.Partners.Single(p => p.MerchantId == "bakery").NetMinor + 500, bakery.NetMinor);
        Assert.Equal(without.Partners.Single(p => p.MerchantId == "books").NetMinor - 500, books.NetMinor);
        Assert.Equal(without.Operator, report.Operator);
        Assert.Equal((500L, 500L, 1L, 1L), (report.Totals.ReferralFeesEarnedMinor, report.Totals.ReferralFeesOwedMinor, report.Totals.ReferralsEarned, report.Totals.ReferralsOwed));
        // The period before holds none of it.
        var may = Settlement.Compute(coalition.Rules, CoalitionProgram.SetUpAt, CoalitionProgram.June, events);
        Assert.All(may.Lines(), l => Assert.Equal(0, l.ReferralFeesEarnedMinor + l.ReferralFeesOwedMinor + l.ReferralsEarned + l.ReferralsOwed));
    }

    [Fact]
    public void Csv_version_3_adds_the_fee_columns_and_versions_1_and_2_are_what_they_were()
    {
        var coalition = Coalition();
        var ann = Referred(coalition);
        ann.Handle(At(ann, "books"));
        var events = ann.Journal.Select(j => new JournaledMemberEvent(HandWrittenJournal.StreamOf("ann"), j.Sequence, j.Event)).ToArray();
        var report = Settlement.Compute(coalition.Rules, CoalitionProgram.June, CoalitionProgram.July, events);

        var v3 = SettlementCsv.Write(report, [], 3).Split('\n');
        var v2 = SettlementCsv.Write(report, [], 2).Split('\n');
        var v1 = SettlementCsv.Write(report).Split('\n');

        Assert.Equal(3, SettlementCsv.LatestVersion);
        Assert.Equal(SettlementCsv.Header + SettlementCsv.RewardColumns + ",referral_fees_earned_minor,referral_fees_owed_minor,referrals_earned,referrals_owed", v3[0]);
        Assert.Equal(SettlementCsv.Header + SettlementCsv.RewardColumns, v2[0]);
        Assert.Equal(SettlementCsv.Header, v1[0]);
        Assert.Equal((v1.Length, v1.Length), (v2.Length, v3.Length));
        for (var i = 1; i < v2.Length - 1; i++)
        {
            Assert.StartsWith(v1[i] + ",", v2[i]);
            Assert.StartsWith(v2[i] + ",", v3[i]);
        }
        Assert.StartsWith("prog-1,EUR,2025-06-01T00:00:00.0000000Z,2025-07-01T00:00:00.0000000Z,partner,bakery,", v3[1]);
        Assert.EndsWith(",500,0,1,0", v3[1]);
        Assert.EndsWith(",0,500,0,1", v3[2]);
        Assert.EndsWith(",0,0,0,0", v3[3]);
        Assert.EndsWith(",0,0,0,0", v3[4]);
        Assert.EndsWith(",500,500,1,1", v3[5]);
    }

    [Fact]
    public void A_code_is_only_for_a_current_partner_of_a_coalition()
    {
        var coalition = Coalition();
        coalition.Program.Now = CoalitionProgram.June;
        coalition.Remove("cafe");
        var now = CoalitionProgram.June.AddDays(1);

        PartnerReferrals.CheckPartner(coalition.Rules, "bakery", now);
        Assert.Equal("PARTNER_NOT_FOUND", Assert.Throws<LoyaltyException>(() => PartnerReferrals.CheckPartner(coalition.Rules, "florist", now)).Error.Reason);
        Assert.Equal("PARTNER_NOT_FOUND", Assert.Throws<LoyaltyException>(() => PartnerReferrals.CheckPartner(coalition.Rules, "cafe", now)).Error.Reason);
        Assert.Equal("NOT_A_COALITION", Assert.Throws<LoyaltyException>(() => PartnerReferrals.CheckPartner(new RulesBuilder().Rules, "bakery", now)).Error.Reason);
        Assert.NotEqual(BakeryCode, PartnerReferrals.CodeOf(CoalitionProgram.ProgramId, "bakery", 2));
        Assert.NotEqual(BakeryCode, Referrals.ReferralCodes.Of(CoalitionProgram.ProgramId, "bakery", 1));
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(CoalitionLimits.MaxReferralFeeMinor, false)]
    [InlineData(CoalitionLimits.MaxReferralFeeMinor + 1, true)]
    public void A_negative_or_too_large_fee_is_a_field_violation_on_the_terms(long fee, bool refused)
    {
        var coalition = new CoalitionProgram();
        var join = new JoinPartner(coalition.Program.NextRequestId(), CoalitionProgram.ProgramId, CoalitionProgram.Admin,
            CoalitionProgram.Terms("florist", 1_000, 900) with { ReferralFeeMinor = fee }, null);

        if (refused)
        {
            var error = Assert.Throws<LoyaltyException>(() => coalition.Program.Do(join)).Error;
            Assert.Equal("terms.referral_fee_minor", Assert.Single(error.Violations!).Field);
        }
        else
        {
            coalition.Program.Do(join);
            Assert.Equal(fee, coalition.Rules.Coalition!.Partner("florist")!.Latest().Terms!.ReferralFeeMinor);
        }
    }

    [Fact]
    public void Terms_without_a_fee_keep_their_fingerprint_and_a_fee_changes_it()
    {
        var terms = CoalitionProgram.Terms("bakery", 1_000, 900);
        var join = new JoinPartner("req-1", CoalitionProgram.ProgramId, CoalitionProgram.Admin, terms, null);

        Assert.Equal(Fingerprint.Of(join), Fingerprint.Of(join with { Terms = terms with { ReferralFeeMinor = 0 } }));
        Assert.NotEqual(Fingerprint.Of(join), Fingerprint.Of(join with { Terms = terms with { ReferralFeeMinor = 1 } }));
        Assert.DoesNotContain("ReferralFeeMinor", Storage.JournalJson.Serialize(terms), StringComparison.Ordinal);
    }
}
