using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.Properties;

/// <summary>
/// Random histories of purchases, returns (whole or partial) and time passing (days to months, past the tier window):
/// in the immediate downgrade mode the member is always in exactly the tier the metric earns; in the never mode the
/// tier only goes up and is never below what the metric earns.
/// </summary>
public sealed class TierModeProperties
{
    /// <summary>A purchase of <c>Amount</c> (Kind 0), a return of half or all of an earlier one picked by <c>Pick</c> (1), or <c>Days</c> passing (2).</summary>
    public sealed record Step(int Kind, long Amount, int Pick, int Days, bool Whole);

    private static readonly Gen<Step[]> Steps =
        (from kind in Gen.Frequency((5, Gen.Constant(0)), (3, Gen.Constant(1)), (3, Gen.Constant(2)))
         from amount in Gen.Choose(1, 60_000)
         from pick in Gen.Choose(0, 1000)
         from days in Gen.Frequency((4, Gen.Choose(0, 20)), (2, Gen.Choose(20, 200)), (1, Gen.Choose(300, 500)))
         from whole in Gen.Elements(true, false)
         select new Step(kind, amount, pick, days, whole)).ArrayOf();

    private static ProgramRules Program(TierDowngradeMode mode) => new RulesBuilder()
        .TierPolicy(TierMetric.QualifyingSpend, windowMonths: 6, reviewMonths: 3, graceDays: 0, downgradeMode: mode)
        .Tier("silver", 10_000, 100)
        .Tier("gold", 50_000, 100)
        .Tier("platinum", 100_000, 100)
        .Rules;

    private static void Play(TierDowngradeMode mode, Step[] steps, Action<TestMember> check)
    {
        var member = TestMember.Enrolled(Program(mode));
        var bought = new List<PurchaseRecorded>();
        foreach (var step in steps)
        {
            switch (step.Kind)
            {
                case 0:
                    // Two units, so a return can take half of it back.
                    bought.Add(member.Buy(new Basket().Line("item", 2, step.Amount)));
                    break;
                case 1 when bought.Count > 0:
                    var purchase = bought[step.Pick % bought.Count];
                    try
                    {
                        member.Handle(member.ReturnOf(purchase.TransactionId, ("item", step.Whole ? 2 : 1)));
                    }
                    catch (LoyaltyException)
                    {
                        // Returned already, or past the return horizon: refused, nothing changed.
                    }
                    break;
                case 2:
                    member.At(member.Now.AddDays(step.Days));
                    break;
            }
            check(member);
        }
    }

    private static int Earned(TestMember member) =>
        member.Rules.RankOf(member.Rules.Tiers.LastOrDefault(t => t.Threshold <= member.State.TierMetricAt(member.Rules.TierPolicy, member.Now))?.TierId);

    [Property]
    public Property In_the_immediate_mode_the_tier_is_always_the_one_the_metric_earns() =>
        Prop.ForAll(Steps.ToArbitrary(), steps => Play(TierDowngradeMode.Immediate, steps, member =>
        {
            Assert.Equal(Earned(member), member.Rules.RankOf(member.State.Tier.TierId));
            Assert.Null(member.State.Tier.ReviewAt);
            // Whatever falls due next is in the future: the timer never fires for nothing, again and again.
            if (member.State.NextDue(member.Rules) is { } next)
            {
                Assert.True(next > member.Now, $"next due {next:O} is not after now {member.Now:O}");
            }
        }));

    [Property]
    public Property In_the_never_mode_the_tier_only_goes_up_and_is_never_below_what_the_metric_earns() =>
        Prop.ForAll(Steps.ToArbitrary(), steps =>
        {
            var highest = 0;
            Play(TierDowngradeMode.Never, steps, member =>
            {
                var rank = member.Rules.RankOf(member.State.Tier.TierId);
                Assert.True(rank >= highest, "the tier went down");
                Assert.True(rank >= Earned(member), "the tier is below what the metric earns");
                highest = rank;
            });
        });
}
