using static LoyaltyGrid.Storage.Tests.TestPayloads;

namespace LoyaltyGrid.Storage.Tests;

/// <summary>
/// The feed the silo's projections share (<see cref="RecentJournalFeed"/>), in front of the real PostgreSQL feed: it keeps
/// the whole feed contract (here with a run of only 7 events, so the contract's reads keep trimming and replacing it),
/// and a second reader at the same place gets the same events without a database read.
/// </summary>
public sealed class RecentJournalFeedTests(PostgresStoreFixture fixture)
    : JournalFeedContract(fixture.Store, new RecentJournalFeed(fixture.Store, capacity: 7)), IClassFixture<PostgresStoreFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_second_reader_at_the_same_checkpoint_gets_the_same_events_decoded_once_without_reading_the_database()
    {
        var (counted, shared, checkpoint) = await ThirtyEventsAsync();
        var first = await shared.ReadAllAsync(checkpoint, 10, None);
        var reads = counted.Reads;
        var decodes = 0;
        var decodedFirst = first.Select(e => e.Decode(p => { decodes++; return Texts([e], e.StreamId); })).ToList();

        var second = await shared.ReadAllAsync(checkpoint, 10, None);
        var decodedSecond = second.Select(e => e.Decode(p => { decodes++; return Texts([e], e.StreamId); })).ToList();

        Assert.Equal(10, first.Count);
        Assert.Equal(reads, counted.Reads);
        Assert.True(first.Zip(second).All(p => ReferenceEquals(p.First, p.Second)));
        Assert.Equal(10, decodes);
        Assert.True(decodedFirst.Zip(decodedSecond).All(p => ReferenceEquals(p.First, p.Second)));
    }

    [Fact]
    public async Task A_reader_that_asks_past_the_remembered_run_gets_the_run_and_the_rest_from_the_database_in_one_full_answer()
    {
        var (counted, shared, checkpoint) = await ThirtyEventsAsync();
        var first = await shared.ReadAllAsync(checkpoint, 5, None);
        var middle = await shared.ReadAllAsync(first[1].Position, 3, None);

        var longer = await shared.ReadAllAsync(first[1].Position, 20, None);
        var direct = await fixture.Store.ReadAllAsync(first[1].Position, 20, None);

        Assert.Equal(first.Skip(2).Take(3), middle);
        Assert.Equal(20, longer.Count);
        Assert.Equal(direct.Select(e => e.Position), longer.Select(e => e.Position));
        Assert.True(first.Skip(2).Zip(longer).All(p => ReferenceEquals(p.First, p.Second)));
        // And what it read from the database continues the run: reading on from the first checkpoint needs no new read.
        var reads = counted.Reads;
        var again = await shared.ReadAllAsync(checkpoint, 12, None);
        Assert.Equal(reads, counted.Reads);
        Assert.Equal(first.Concat(longer.Skip(3)).Take(12).Select(e => e.Position), again.Select(e => e.Position));
    }

    /// <summary>A fresh shared feed over a counting one, and a checkpoint with at least thirty events after it below the horizon.</summary>
    private async Task<(CountingFeed Counted, RecentJournalFeed Shared, JournalPosition Checkpoint)> ThirtyEventsAsync()
    {
        var before = await ReadFeedAsync(JournalPosition.Start, 1000);
        var checkpoint = before.Count > 0 ? before[^1].Position : JournalPosition.Start;
        var stream = NewStream();
        await fixture.Store.AppendAsync([Append(stream, 1, [.. Enumerable.Range(1, 30).Select(i => $"e{i}")])], None);
        await ReadFeedAsync(checkpoint, 1000, until: e => e.Count(x => x.StreamId == stream) == 30);
        var counted = new CountingFeed(fixture.Store);
        return (counted, new RecentJournalFeed(counted, capacity: 100), checkpoint);
    }

    /// <summary>The real feed, counting the reads that reach it.</summary>
    private sealed class CountingFeed(IJournalFeed inner) : IJournalFeed
    {
        public int Reads { get; private set; }

        public Task<IReadOnlyList<JournalEvent>> ReadAllAsync(JournalPosition after, int maxCount, CancellationToken cancellationToken)
        {
            Reads++;
            return inner.ReadAllAsync(after, maxCount, cancellationToken);
        }

        public Task<JournalHorizon> ReadHorizonAsync(CancellationToken cancellationToken) => inner.ReadHorizonAsync(cancellationToken);
    }
}
