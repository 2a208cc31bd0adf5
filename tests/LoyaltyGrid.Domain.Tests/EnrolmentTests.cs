using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

public sealed class EnrolmentTests
{
    [Fact]
    public void Enrolment_creates_the_profile_with_a_zero_balance()
    {
        var member = TestMember.NotEnrolled();

        var decision = member.Handle(member.Enrolment(cardAlias: "card-0042"));

        var enrolled = Assert.IsType<MemberEnrolled>(Assert.Single(decision.NewEvents));
        Assert.Equal(
            new MemberEnrolled(TestMember.ProgramId, "member-1", "card-0042")
            {
                RequestId = "req-1",
                Fingerprint = enrolled.Fingerprint,
                OccurredAt = TestClock.Start,
                RecordedAt = TestClock.Start,
                BalanceAfter = Balance.Zero,
            },
            enrolled);
        Assert.Equal(new MemberProfile(TestMember.ProgramId, "member-1", "card-0042", TestClock.Start), member.State.Profile);
        Assert.Equal((1L, Balance.Zero), (member.State.Version, member.Balance));
    }

    [Fact]
    public void An_enrolment_at_a_till_records_its_merchant_store_and_terminal_and_keeps_the_digest_of_one_that_names_none()
    {
        var member = TestMember.NotEnrolled();
        var plain = member.Enrolment(cardAlias: "card-0042");
        var atTill = plain with { MerchantId = "acme", StoreId = "s1", TerminalId = "t1" };

        var enrolled = Assert.IsType<MemberEnrolled>(Assert.Single(member.Handle(atTill).NewEvents));

        Assert.Equal(("acme", "s1", "t1"), (enrolled.MerchantId, enrolled.StoreId, enrolled.TerminalId));
        // The place came later: a request naming none keeps the digest it always had (LegacyJournalTests retries
        // enrolments recorded before), one naming a place has another.
        Assert.NotEqual(Fingerprint.Of(plain), Fingerprint.Of(atTill));
        Assert.NotEqual(Fingerprint.Of(atTill), Fingerprint.Of(atTill with { TerminalId = "t2" }));
    }

    [Fact]
    public void A_store_needs_its_merchant_and_a_terminal_its_store()
    {
        var enrolment = TestMember.NotEnrolled().Enrolment(cardAlias: null);

        var noMerchant = Assert.Throws<LoyaltyException>(() => (enrolment with { StoreId = "s1" }).Validate());
        var noStore = Assert.Throws<LoyaltyException>(() => (enrolment with { MerchantId = "acme", TerminalId = "t1" }).Validate());

        Assert.Equal(["store_id"], noMerchant.Error.Violations!.Select(v => v.Field));
        Assert.Equal(["terminal_id"], noStore.Error.Violations!.Select(v => v.Field));
    }

    [Fact]
    public void Empty_card_alias_is_stored_as_none()
    {
        var member = TestMember.NotEnrolled();

        member.Handle(member.Enrolment(cardAlias: ""));

        Assert.Null(member.State.Profile!.CardAlias);
    }

    [Fact]
    public void Purchase_for_a_member_who_is_not_enrolled_is_not_found()
    {
        var member = TestMember.NotEnrolled();

        Assert.Equal(Refusal.NotFound("MEMBER_NOT_FOUND"), member.Refuses(member.PurchaseOf(new Basket().Line("item", 1, 100))));
    }

    [Fact]
    public void Every_points_request_for_a_member_who_is_not_enrolled_is_not_found()
    {
        var member = TestMember.NotEnrolled();

        Assert.Equal(Refusal.NotFound("MEMBER_NOT_FOUND"), member.Refuses(member.AuthorizationOf(10)));
        Assert.Equal(Refusal.NotFound("MEMBER_NOT_FOUND"), member.Refuses(member.CaptureOf("hold-1")));
        Assert.Equal(Refusal.NotFound("MEMBER_NOT_FOUND"), member.Refuses(member.VoidOf("hold-1")));
        Assert.Equal(Refusal.NotFound("MEMBER_NOT_FOUND"), member.Refuses(member.ReturnOf("tx-1", ("item", 1))));
    }

    [Fact]
    public void Enrolling_again_with_a_new_request_is_refused_as_already_enrolled()
    {
        var member = TestMember.Enrolled();

        Assert.Equal(Refusal.AlreadyExists("MEMBER_ALREADY_ENROLLED"), member.Refuses(member.Enrolment(cardAlias: "other-card")));
    }

    [Fact]
    public void Resent_enrolment_is_a_replay()
    {
        var member = TestMember.NotEnrolled();
        var enrolment = member.Enrolment(cardAlias: "card-0042");
        var first = member.Handle(enrolment);

        var retry = member.Handle(enrolment);

        Assert.True(retry.IsReplay);
        Assert.Equal(first.Result, retry.Result);
        Assert.Equal(1L, member.State.Version);
    }
}
