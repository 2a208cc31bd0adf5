using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Tests.Properties;

/// <summary>
/// Under the generated program histories, with segments on the purchase window, the days since the last purchase,
/// points and tiers: a member's kept segments are exactly those it meets, and it is due no later than the first flip.
/// </summary>
public sealed class SegmentProperties
{
    private static readonly Segment[] Segments =
    [
        new("weekly", "Weekly buyers", new SegmentConditions { WindowDays = 7, MinPurchases = 1 }, TestClockStart),
        new("big", "Big spenders", new SegmentConditions { WindowDays = 30, MinSpendMinor = 5_000, MaxPurchases = 6 }, TestClockStart),
        new("lapsed", "Lapsed", new SegmentConditions { MinDaysSinceLastPurchase = 20, MaxDaysSinceLastPurchase = 90 }, TestClockStart),
        new("rich", "Points", new SegmentConditions { MinPoints = 200 }, TestClockStart),
    ];

    private static DateTimeOffset TestClockStart => Builders.TestClock.Start;

    [Property(MaxTest = 150)]
    public Property Kept_segments_are_the_ones_met_and_the_member_is_due_by_the_first_flip() =>
        Prop.ForAll(RulesGenerators.Scenarios(), scenario =>
        {
            var run = new RulesScenarioRun(scenario);
            foreach (var segment in Segments)
            {
                run.Program.Do(new DefineSegment(run.Program.NextRequestId(), Builders.RulesBuilder.ProgramId, Builders.RulesBuilder.Admin,
                    segment.SegmentId, segment.Name, segment.Conditions));
            }
            run.Member.Rules = run.Program.Rules with { EventRules = run.Member.Rules.EventRules };
            foreach (var operation in scenario.Operations)
            {
                run.Run(operation);
                var member = run.Member;
                member.ApplyDue();
                var met = member.Rules.Segments.Where(s => MemberSegments.Meets(member.State, s.Conditions, member.Now)).Select(s => s.SegmentId);
                Assert.Equal(met.Order(StringComparer.Ordinal), member.State.Segments.Order(StringComparer.Ordinal));
                foreach (var segment in member.Rules.Segments)
                {
                    // The flip found by sliding the window is a real change, and nothing changes a moment before it.
                    if (MemberSegments.FlipsAt(member.State, segment.Conditions, member.Now) is { } at)
                    {
                        var meetsNow = MemberSegments.Meets(member.State, segment.Conditions, member.Now);
                        Assert.NotEqual(meetsNow, MemberSegments.Meets(member.State, segment.Conditions, at));
                        if (at - TimeSpan.FromTicks(1) >= member.Now)
                        {
                            Assert.Equal(meetsNow, MemberSegments.Meets(member.State, segment.Conditions, at - TimeSpan.FromTicks(1)));
                        }
                    }
                }
                var flips = member.Rules.Segments.Select(s => MemberSegments.FlipsAt(member.State, s.Conditions, member.Now)).Where(f => f is not null).Min();
                if (flips is { } first)
                {
                    Assert.True(member.State.NextDue(member.Rules) <= first, $"due {member.State.NextDue(member.Rules):O}, flips {first:O}");
                }
            }
        });
}
