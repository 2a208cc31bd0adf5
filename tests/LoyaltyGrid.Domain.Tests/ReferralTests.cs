using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Referrals;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>Referrals on both sides: the referrer accepts or rejects (with the reason), the referee's first qualifying purchase pays when final.</summary>
public sealed class ReferralTests
{
    private static readonly DateTimeOffset Start = TestClock.Start;

    /// <summary>500 for the referrer, 200 for the referee, from 10 EUR, at most 2 per 30 days, codes valid 90 days; points pend 14 days.</summary>
    private static ProgramRules Rules(ReferralRules? referral = null) => new RulesBuilder()
        .Earning(EarningRules.Default with { PendingPeriod = TimeSpan.FromDays(14) })
        .Rules with { Referral = referral ?? new ReferralRules(500, 200, 1_000, 2, 30, 90) };

    private static (TestMember Referrer, string Code) Referrer(ProgramRules rules)
    {
        var ann = TestMember.NotEnrolled(memberId: "ann");
        ann.Rules = rules;
        ann.Handle(ann.Enrolment(cardAlias: "card-ann"));
        var code = ReferralCodes.Of(TestMember.ProgramId, "ann", 1);
        ann.Apply(MemberAccount.System(ann.State, ann.Now, MemberReferrals.Issue(rules, code, 1, ann.Now)));
        return (ann, code);
    }

    private static RecordReferral Referral(string referee, string code, string? card = null, bool wasMember = false) =>
        new(TestMember.ProgramId, "ann", referee, card, code) { RefereeWasMember = wasMember };

    /// <summary>A referee enrolled with <paramref name="made"/>'s answer.</summary>
    private static TestMember Referee(ProgramRules rules, string memberId, ReferralMade made, DateTimeOffset now)
    {
        var member = TestMember.NotEnrolled(memberId: memberId);
        member.Rules = rules;
        member.Now = now;
        member.Handle(member.Enrolment() with { ReferralCode = made.Code, ReferrerMemberId = "ann", Referral = made });
        return member;
    }

    [Fact]
    public void Codes_are_stable_per_version_short_and_read_back_case_insensitively()
    {
        var code = ReferralCodes.Of("prog-1", "ann", 1);

        Assert.Equal(code, ReferralCodes.Of("prog-1", "ann", 1));
        Assert.NotEqual(code, ReferralCodes.Of("prog-1", "ann", 2));
        Assert.NotEqual(code, ReferralCodes.Of("prog-2", "ann", 1));
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{8}$", code);
        Assert.Equal(code, ReferralCodes.Normalise(" " + code.ToLowerInvariant() + " "));
        Assert.Equal("0A1B1C2D", ReferralCodes.Normalise("oa1b-lc2d"));
        Assert.Null(ReferralCodes.Normalise("short"));
    }

    [Fact]
    public void The_referrer_rejects_with_the_first_reason_that_applies_and_accepts_otherwise()
    {
        var rules = Rules();
        var (ann, code) = Referrer(rules);

        Assert.Equal(ReferralRejection.SelfReferral, Rejection(ann, Referral("ann", code)));
        Assert.Equal(ReferralRejection.SelfReferral, Rejection(ann, Referral("ann2", code, card: "card-ann")));
        Assert.Equal(ReferralRejection.AlreadyAMember, Rejection(ann, Referral("abe", code, wasMember: true)));
        Assert.Equal(ReferralRejection.CodeExpired, Rejection(ann, Referral("amy", ReferralCodes.Of(TestMember.ProgramId, "ann", 7))));
        Assert.Null(Rejection(ann, Referral("bob", code)));
        Assert.Null(Rejection(ann, Referral("cat", code)));
        Assert.Equal(ReferralRejection.CapReached, Rejection(ann, Referral("dan", code)));
        ann.Now = Start.AddDays(30).AddMinutes(1); // the first two have left the period
        Assert.Null(Rejection(ann, Referral("eve", code)));
        ann.Now = Start.AddDays(91); // past the code's 90 days
        Assert.Equal(ReferralRejection.CodeExpired, Rejection(ann, Referral("fay", code)));
        var (off, offCode) = Referrer(rules with { Referral = null });
        Assert.Equal(ReferralRejection.ReferralsOff, Rejection(off, Referral("gus", offCode)));
        Assert.Equal([Start, Start, Start.AddDays(30).AddMinutes(1)], ann.State.RecentReferrals);
    }

    [Fact]
    public void A_retried_referral_is_answered_the_same_and_counted_once()
    {
        var (ann, code) = Referrer(Rules());
        var first = (ReferralMade)ann.Handle(Referral("bob", code)).Result;

        var again = (ReferralMade)ann.Handle(Referral("bob", code)).Result;

        Assert.Equal(first, again);
        Assert.Single(ann.State.RecentReferrals);
    }

    [Fact]
    public void The_referral_pays_both_when_the_first_qualifying_purchase_is_final_and_then_nothing_is_left_open()
    {
        var rules = Rules();
        var (ann, code) = Referrer(rules);
        var made = (ReferralMade)ann.Handle(Referral("bob", code)).Result;
        var bob = Referee(rules, "bob", made, Start);
        Assert.Equal(new OpenReferral(made.ReferralId, "ann"), bob.State.Referral);

        bob.Buy(new Basket().Line("sock", 1, 999)); // below 10 EUR
        var coat = bob.Buy(new Basket().Line("coat", 1, 5_000));

        var finalAt = coat.OccurredAt.AddDays(14);
        Assert.Equal((coat.TransactionId, (DateTimeOffset?)finalAt), (bob.State.Referral!.TransactionId, bob.State.Referral.FinalAt));
        Assert.Equal(finalAt, bob.State.NextDue(bob.Rules));
        Assert.DoesNotContain(bob.At(finalAt.AddMinutes(-1)), e => e is ReferralClosed);
        var due = bob.At(finalAt);
        // Matured with the purchase's points, in the same run.
        Assert.Equal(["PointsMatured", "PointsMatured", "ReferralClosed"], due.Select(e => e.GetType().Name));
        var owed = MemberReferrals.Owed(bob.State)!;
        Assert.Equal(("ann", made.ReferralId, 500L, (ReferralRejection?)null), (owed.MemberId, owed.ReferralId, owed.Points, owed.Voided));

        ann.Now = finalAt;
        var settled = (ReferralSettled)ann.Handle(owed).Result;
        var resent = (ReferralSettled)ann.Handle(owed).Result;
        bob.Apply(MemberAccount.System(bob.State, finalAt, MemberReferrals.Delivered(bob.State, settled, finalAt)));

        Assert.Equal(settled, resent);
        Assert.Equal(500, ann.Balance.Available);
        Assert.Equal(99 + 500 + 200, bob.Balance.Available);
        Assert.Null(bob.State.Referral);
        Assert.Equal(ReferralStatus.Rewarded, ReferralSummary.Of("ann", ann.Journal.Select(j => j.Event)).Single().Status);
    }

    [Fact]
    public void A_return_of_the_qualifying_purchase_before_it_is_final_voids_the_referral_in_the_same_decision()
    {
        var rules = Rules();
        var (ann, code) = Referrer(rules);
        var made = (ReferralMade)ann.Handle(Referral("bob", code)).Result;
        var bob = Referee(rules, "bob", made, Start);
        var coat = bob.Buy(new Basket().Line("coat", 2, 1_000));

        var half = bob.Handle(bob.ReturnOf(coat.TransactionId, ("coat", 1))); // 10 EUR kept: still qualifies
        var all = bob.Handle(bob.ReturnOf(coat.TransactionId, ("coat", 1)));

        Assert.DoesNotContain(half.NewEvents, e => e is ReferralClosed);
        var voided = Assert.Single(all.NewEvents.OfType<ReferralClosed>());
        Assert.Equal((ReferralRejection?)ReferralRejection.PurchaseReturned, voided.Voided);
        Assert.Empty(bob.At(Start.AddDays(30)).OfType<ReferralClosed>());
        var settled = (ReferralSettled)ann.Handle(MemberReferrals.Owed(bob.State)!).Result;
        Assert.Equal((0L, (ReferralRejection?)ReferralRejection.PurchaseReturned), (settled.Points, settled.Voided));
        Assert.Equal(ReferralStatus.Voided, ReferralSummary.Of("ann", ann.Journal.Select(j => j.Event)).Single().Status);
    }

    [Fact]
    public void The_referrer_refuses_the_reward_of_a_referee_with_its_own_email_as_a_self_referral()
    {
        var rules = Rules();
        var (ann, code) = Referrer(rules);
        var email = ContactDigestsChanged.Of(TestMember.ProgramId, "email", "Ann@Example.org");
        ann.Apply(MemberAccount.System(ann.State, ann.Now, MemberReferrals.Contact(ann.State, email, null, ann.Now)!));
        var made = (ReferralMade)ann.Handle(Referral("ann2", code)).Result;
        var second = Referee(rules, "ann2", made, Start);
        second.Apply(MemberAccount.System(second.State, second.Now,
            MemberReferrals.Contact(second.State, ContactDigestsChanged.Of(TestMember.ProgramId, "email", " ann@example.ORG"), null, second.Now)!));
        second.Buy(new Basket().Line("coat", 1, 5_000));
        second.At(Start.AddDays(14));

        var settled = (ReferralSettled)ann.Handle(MemberReferrals.Owed(second.State)!).Result;
        second.Apply(MemberAccount.System(second.State, second.Now, MemberReferrals.Delivered(second.State, settled, second.Now)));

        Assert.Equal((0L, (ReferralRejection?)ReferralRejection.SelfReferral), (settled.Points, settled.Voided));
        Assert.Equal((0L, 500L), (ann.Balance.Available, second.Balance.Available));
        var summary = ReferralSummary.Of("ann", ann.Journal.Select(j => j.Event)).Single();
        Assert.Equal((ReferralStatus.Rejected, (ReferralRejection?)ReferralRejection.SelfReferral), (summary.Status, summary.Rejection));
    }

    [Fact]
    public void The_referrer_refuses_the_reward_of_a_referee_whose_email_another_member_has_as_already_a_member()
    {
        var rules = Rules();
        var (ann, code) = Referrer(rules);
        var made = (ReferralMade)ann.Handle(Referral("bob", code)).Result;
        var bob = Referee(rules, "bob", made, Start);
        bob.Buy(new Basket().Line("coat", 1, 5_000));
        bob.At(Start.AddDays(14));
        var owed = MemberReferrals.Owed(bob.State)!;

        // Only the referee itself (or the referrer, a self-referral checked first) holding the contact is no reason.
        var alone = MemberReferrals.Settle(ann.State, owed with { OtherMembersWithContact = ["bob", "ann"] }, ann.Now);
        var settled = (ReferralSettled)ann.Handle(owed with { OtherMembersWithContact = ["frank"] }).Result;
        bob.Apply(MemberAccount.System(bob.State, bob.Now, MemberReferrals.Delivered(bob.State, settled, bob.Now)));

        Assert.Equal((500L, (ReferralRejection?)null), (alone.Points, alone.Voided));
        Assert.Equal((0L, (ReferralRejection?)ReferralRejection.AlreadyAMember), (settled.Points, settled.Voided));
        Assert.Equal((0L, 500L), (ann.Balance.Available, bob.Balance.Available));
        var summary = ReferralSummary.Of("ann", ann.Journal.Select(j => j.Event)).Single();
        Assert.Equal((ReferralStatus.Rejected, (ReferralRejection?)ReferralRejection.AlreadyAMember), (summary.Status, summary.Rejection));
    }

    [Fact]
    public void A_rejected_referral_leaves_the_referee_without_an_open_referral()
    {
        var rules = Rules();
        var (ann, code) = Referrer(rules);
        var made = (ReferralMade)ann.Handle(Referral("bob", code, wasMember: true)).Result;

        var bob = Referee(rules, "bob", made, Start);
        bob.Buy(new Basket().Line("coat", 1, 5_000));
        Assert.DoesNotContain(bob.At(Start.AddDays(14)), e => e is ReferralClosed);

        Assert.Null(bob.State.Referral);
        Assert.Equal(500, bob.Balance.Available);
        Assert.Equal((ReferralRejection?)ReferralRejection.AlreadyAMember, bob.Journal.Select(j => j.Event).OfType<ReferredBy>().Single().Rejection);
    }

    private static ReferralRejection? Rejection(TestMember referrer, RecordReferral command) =>
        ((ReferralMade)referrer.Handle(command).Result).Rejection;
}
