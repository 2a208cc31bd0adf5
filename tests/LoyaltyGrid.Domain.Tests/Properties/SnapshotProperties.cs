using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;

namespace LoyaltyGrid.Domain.Tests.Properties;

/// <summary>
/// A snapshot is the state, nothing less: on random multi-year histories (returns, holds, expiry, closed books), the
/// state decoded from its stored snapshot equals the live one, and goes on answering the same.
/// </summary>
public sealed class SnapshotProperties
{
    [Property(MaxTest = 100)]
    public Property Snapshot_of_a_random_history_decodes_to_the_same_state() =>
        Prop.ForAll(RulesGenerators.Scenarios(), scenario =>
        {
            var run = new RulesScenarioRun(scenario, TimeSpan.FromDays(30));
            foreach (var operation in scenario.Operations)
            {
                run.Run(operation);
                var payload = SnapshotEnvelope.Capture(MemberSnapshotCodec.Instance, run.Member.State)();
                Assert.True(SnapshotEnvelope.TryDecode(MemberSnapshotCodec.Instance, payload, out var decoded));
                decoded!.RequestRetention = run.Member.State.RequestRetention;
                Assert.Equal(JournalJson.Serialize(run.Member.State), JournalJson.Serialize(decoded));
                Assert.Equal(run.Member.State.HasDatedLots, decoded.HasDatedLots);
            }
        });
}
