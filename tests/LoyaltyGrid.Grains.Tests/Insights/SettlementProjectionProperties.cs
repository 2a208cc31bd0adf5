using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Tests.Coalitions;
using LoyaltyGrid.Grains.Insights;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Sqlite;

namespace LoyaltyGrid.Grains.Tests.Insights;

/// <summary>
/// The settlement the projection keeps (events in feed order, in batches of any size, origins of returns and captures
/// read back from the store across batches, sums per day and per event in real SQLite tables) is, for any period, the
/// settlement of a pass over the whole journal: on the domain tests' random coalition histories.
/// </summary>
public sealed class SettlementProjectionProperties
{
    [Property(MaxTest = 40)]
    public Property Any_period_settles_from_the_projection_as_from_the_journal() =>
        Prop.ForAll(CoalitionGenerators.Scenarios(), Gen.Choose(1, 9).ToArbitrary(), (scenario, batchSize) =>
        {
            var run = CoalitionScenarioRun.Play(scenario);
            var directory = Directory.CreateTempSubdirectory("lg-settlement-");
            try
            {
                using var journal = new SqliteEventStore(Path.Combine(directory.FullName, "journal.db"));
                journal.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
                var insights = new SqliteInsightsStore(journal);
                Project(run, insights, batchSize);

                foreach (var (start, end) in run.Bounds(scenario.Cuts).Zip(run.Bounds(scenario.Cuts).Skip(1)))
                {
                    var expected = Settlement.Compute(run.Rules, start, end, run.Events);
                    var actual = SettlementCalculator.Report(run.Rules, start, end,
                        insights.ReadSettlementSumsAsync(CoalitionProgram.ProgramId, start, CancellationToken.None).GetAwaiter().GetResult().ToAmounts(),
                        insights.ReadSettlementSumsAsync(CoalitionProgram.ProgramId, end, CancellationToken.None).GetAwaiter().GetResult().ToAmounts());

                    Assert.Equal(SettlementCsv.Write(expected, [], SettlementCsv.LatestVersion), SettlementCsv.Write(actual, [], SettlementCsv.LatestVersion));
                    Assert.Equal(
                        (expected.OutstandingPointsAtStart, expected.OutstandingPointsAtEnd, expected.LiabilityMinorAtStart, expected.LiabilityMinorAtEnd),
                        (actual.OutstandingPointsAtStart, actual.OutstandingPointsAtEnd, actual.LiabilityMinorAtStart, actual.LiabilityMinorAtEnd));
                }
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                directory.Delete(recursive: true);
            }
        });

    /// <summary>The members' events interleaved as a feed would give them (by recording time), applied in batches of <paramref name="batchSize"/>.</summary>
    private static void Project(CoalitionScenarioRun run, SqliteInsightsStore insights, int batchSize)
    {
        var feed = run.Events.OrderBy(e => e.Event.RecordedAt).ThenBy(e => e.StreamId, StringComparer.Ordinal).ThenBy(e => e.Sequence).ToArray();
        var coalitions = new Dictionary<string, Coalition> { [CoalitionProgram.ProgramId] = run.Rules.Coalition! };
        var checkpoint = JournalPosition.Start;
        long position = 0;
        foreach (var chunk in feed.Chunk(batchSize))
        {
            var decoded = chunk.Select(e => new DecodedMemberEvent(CoalitionProgram.ProgramId, e.StreamId, e.StreamId, e.Sequence, e.Event)).ToArray();
            var events = chunk.Select(e => new JournalEvent(new JournalPosition(++position, e.StreamId, e.Sequence), [])).ToArray();
            var origins = insights.ReadSettlementOriginsAsync(SettlementProjector.OriginsToRead(decoded, coalitions), CancellationToken.None).GetAwaiter().GetResult();
            var batch = InsightsProjector.Project(checkpoint, events, decoded, new SettlementScope(coalitions, origins));
            Assert.True(insights.ApplyAsync(batch, CancellationToken.None).GetAwaiter().GetResult());
            checkpoint = batch.To;
        }
    }
}
