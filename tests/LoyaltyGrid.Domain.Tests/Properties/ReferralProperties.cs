using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Referrals;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.Properties;

/// <summary>
/// Random referee histories (purchases above and below the minimum, returns, days passing), the outcome delivered to the
/// referrer whenever it is owed: the referral pays both exactly when the first qualifying purchase became final without
/// being returned first, pays at most once, and is voided exactly when that purchase came back before.
/// </summary>
public sealed class ReferralProperties
{
    /// <summary>A purchase of <c>Amount</c> (Kind 0), a whole return of an earlier one picked by <c>Pick</c> (1), or <c>Days</c> passing (2).</summary>
    public sealed record Step(int Kind, long Amount, int Pick, int Days);

    private static readonly Gen<Step[]> Steps =
        (from kind in Gen.Frequency((4, Gen.Constant(0)), (3, Gen.Constant(1)), (3, Gen.Constant(2)))
         from amount in Gen.Frequency((1, Gen.Choose(1, 999)), (2, Gen.Choose(1_000, 9_000)))
         from pick in Gen.Choose(0, 1000)
         from days in Gen.Choose(0, 10)
         select new Step(kind, amount, pick, days)).ArrayOf();

    [Property]
    public Property The_referral_pays_once_exactly_when_its_first_qualifying_purchase_became_final_unreturned() =>
        Prop.ForAll(Steps.ToArbitrary(), steps =>
        {
            var rules = new RulesBuilder().Earning(EarningRules.Default with { PendingPeriod = TimeSpan.FromDays(7) })
                .Rules with { Referral = new ReferralRules(500, 200, 1_000, 0, 0, 0) };
            var ann = TestMember.Enrolled(rules, "ann");
            var code = ReferralCodes.Of(TestMember.ProgramId, "ann", 1);
            ann.Apply(MemberAccount.System(ann.State, ann.Now, MemberReferrals.Issue(rules, code, 1, ann.Now)));
            var made = (ReferralMade)ann.Handle(new RecordReferral(TestMember.ProgramId, "ann", "bob", null, code)).Result;
            var bob = TestMember.NotEnrolled(memberId: "bob");
            bob.Rules = rules;
            bob.Handle(bob.Enrolment() with { ReferralCode = code, ReferrerMemberId = "ann", Referral = made });

            var bought = new List<PurchaseRecorded>();
            var returned = new HashSet<string>();
            string? qualifying = null;
            var returnedBeforeFinal = false;
            foreach (var step in steps)
            {
                switch (step.Kind)
                {
                    case 0:
                        var purchase = bob.Buy(new Basket().Line("item", 1, step.Amount));
                        bought.Add(purchase);
                        qualifying ??= step.Amount >= 1_000 ? purchase.TransactionId : null;
                        break;
                    case 1 when bought.Count > 0:
                        var pick = bought[step.Pick % bought.Count];
                        if (returned.Add(pick.TransactionId))
                        {
                            var final = pick.OccurredAt.AddDays(7);
                            returnedBeforeFinal |= pick.TransactionId == qualifying && bob.Now < final;
                            bob.Handle(bob.ReturnOf(pick.TransactionId, ("item", 1)));
                        }
                        break;
                    case 2:
                        bob.At(bob.Now.AddDays(step.Days));
                        break;
                }
                // The grain delivers whatever is owed before it answers.
                if (MemberReferrals.Owed(bob.State) is { } owed)
                {
                    ann.Now = bob.Now;
                    var settled = (ReferralSettled)ann.Handle(owed).Result;
                    bob.Apply(MemberAccount.System(bob.State, bob.Now, MemberReferrals.Delivered(bob.State, settled, bob.Now)));
                }

                var finalAt = qualifying is null ? (DateTimeOffset?)null : bought.Single(p => p.TransactionId == qualifying).OccurredAt.AddDays(7);
                var rewarded = !returnedBeforeFinal && finalAt <= bob.Now;
                var referrerPoints = ann.Journal.Select(j => j.Event).OfType<ReferralSettled>().Sum(s => s.Points);
                var refereePoints = bob.Journal.Select(j => j.Event).OfType<ReferralOutcomeDelivered>().Sum(d => d.RefereePoints);
                Assert.Equal(rewarded ? (500L, 200L) : (0L, 0L), (referrerPoints, refereePoints));
                Assert.True(ann.Journal.Select(j => j.Event).OfType<ReferralSettled>().Count() <= 1, "settled twice");
                var voided = ann.Journal.Select(j => j.Event).OfType<ReferralSettled>().Any(s => s.Voided == ReferralRejection.PurchaseReturned);
                Assert.Equal(returnedBeforeFinal, voided);
                // Nothing stays open once it is decided.
                Assert.True(bob.State.Referral is null == (rewarded || returnedBeforeFinal), "an open referral after it was decided, or none before");
            }
        });
}
