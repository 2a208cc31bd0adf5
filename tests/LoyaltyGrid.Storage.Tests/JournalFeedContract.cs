using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static LoyaltyGrid.Storage.Tests.TestPayloads;

namespace LoyaltyGrid.Storage.Tests;

/// <summary>
/// What every <see cref="IJournalFeed"/> must do so that a checkpoint (the position of the last event applied) never
/// skips an event nor yields one twice, also while group commits finish out of order. The store is shared by the
/// class's tests, so each test looks only at its own streams in the feed.
/// </summary>
public abstract class JournalFeedContract(IEventStore store, IJournalFeed? feed = null)
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The feed under test: the store's own, unless a test class puts another in front of it.</summary>
    protected IJournalFeed Feed => feed ?? (IJournalFeed)store;

    [Fact]
    public async Task The_feed_returns_every_event_once_in_page_order_keeping_each_streams_sequence()
    {
        var (a, b, c) = (NewStream(), NewStream(), NewStream());
        await store.AppendAsync([Append(a, 1, ["a1", "a2"]), Append(b, 1, ["b1"])], None);
        await store.AppendAsync([Append(a, 3, ["a3"])], None);
        await store.CreateStreamsAsync([new StreamCreation([Append(c, 1, ["c1", "c2"])])], None);
        await store.AppendAsync([Append(b, 2, ["b2"])], None);

        var all = await ReadFeedAsync(JournalPosition.Start, pageSize: 2, until: e => e.Count(x => x.StreamId == b) == 2);

        Assert.Equal(all.OrderBy(e => e.Position).Select(e => e.Position), all.Select(e => e.Position));
        Assert.Equal(all.Count, all.Select(e => e.Position).Distinct().Count());
        var mine = all.Where(e => e.StreamId == a || e.StreamId == b || e.StreamId == c).ToList();
        Assert.Equal(["a1", "a2", "a3"], Texts(mine, a));
        Assert.Equal(["b1", "b2"], Texts(mine, b));
        Assert.Equal(["c1", "c2"], Texts(mine, c));
        Assert.Equal([1L, 2, 3], mine.Where(e => e.StreamId == a).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Each_event_from_the_feed_says_when_the_journal_stored_it()
    {
        var stream = NewStream();
        // Milliseconds are what is stored: the bounds are taken to the millisecond.
        var before = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await store.AppendAsync([Append(stream, 1, ["first", "second"])], None);
        var after = DateTimeOffset.UtcNow;

        var mine = (await ReadFeedAsync(JournalPosition.Start, pageSize: 50, until: e => e.Count(x => x.StreamId == stream) == 2))
            .Where(e => e.StreamId == stream).ToList();

        Assert.Equal(2, mine.Count);
        Assert.All(mine, e => Assert.InRange(e.RecordedAt!.Value, before, after));
    }

    [Fact]
    public async Task Reading_after_a_position_returns_only_what_was_committed_after_it()
    {
        // Other tests share the server: their transactions can hold the feed's horizon back for a moment, and their
        // events come and go in the feed, so this reads until its own events are there and looks only at them.
        var before = NewStream();
        await store.AppendAsync([Append(before, 1, ["before"])], None);
        var last = (await ReadFeedAsync(JournalPosition.Start, 1000, until: e => e.Any(x => x.StreamId == before)))
            .Single(e => e.StreamId == before).Position;
        var stream = NewStream();

        await store.AppendAsync([Append(stream, 1, ["x", "y"])], None);

        var after = await ReadFeedAsync(last, 1000, until: e => e.Count(x => x.StreamId == stream) == 2);
        Assert.DoesNotContain(after, e => e.StreamId == before);
        Assert.All(after, e => Assert.True(e.Position.CompareTo(last) > 0));
        Assert.Equal(["x", "y"], Texts(after, stream));
        var ours = after.Last(e => e.StreamId == stream).Position;
        Assert.DoesNotContain(await Feed.ReadAllAsync(ours, 1000, None), e => e.StreamId == stream || e.StreamId == before);
    }

    [Fact]
    public async Task A_reader_checkpointing_while_concurrent_group_commits_finish_out_of_order_sees_every_event_once()
    {
        var options = Options.Create(new StorageOptions { MaxBatchSize = 7, MaxConcurrentCommits = 4 });
        await using var journal = new GroupCommitJournal(store, options, NullLogger<GroupCommitJournal>.Instance);
        var streams = Enumerable.Range(0, 24).Select(_ => NewStream()).ToHashSet();
        var checkpoint = (await ReadFeedAsync(JournalPosition.Start, 1000)) is { Count: > 0 } seen ? seen[^1].Position : JournalPosition.Start;
        var collected = new List<JournalEvent>();
        using var writersDone = new CancellationTokenSource();

        var reader = Task.Run(async () =>
        {
            // Until every event of ours is in, or long after the writers are done (a skipped event never comes).
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (collected.Count(e => streams.Contains(e.StreamId)) < 240 && DateTime.UtcNow < deadline)
            {
                var page = await Feed.ReadAllAsync(checkpoint, 5, None);
                collected.AddRange(page);
                if (page.Count > 0)
                {
                    checkpoint = page[^1].Position;
                }
                else if (writersDone.IsCancellationRequested)
                {
                    await Task.Delay(20);
                }
            }
        });
        await Task.WhenAll(streams.Select(s => Task.Run(async () =>
        {
            for (var i = 1; i <= 10; i++)
            {
                await journal.AppendAsync(Append(s, i, [$"{s}#{i}"]));
            }
        })));
        await writersDone.CancelAsync();
        await reader;

        var mine = collected.Where(e => streams.Contains(e.StreamId)).ToList();
        Assert.Equal(240, mine.Count);
        Assert.Equal(240, mine.Select(e => (e.StreamId, e.Sequence)).Distinct().Count());
        foreach (var s in streams)
        {
            Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), mine.Where(e => e.StreamId == s).Select(e => e.Sequence));
        }
    }

    /// <summary>
    /// The feed after <paramref name="after"/> up to its horizon, read again until <paramref name="until"/> holds (30 s
    /// at most): on PostgreSQL a transaction of another test, on any database of the server, holds the horizon back a
    /// moment.
    /// </summary>
    protected async Task<List<JournalEvent>> ReadFeedAsync(JournalPosition after, int pageSize, Func<List<JournalEvent>, bool>? until = null)
    {
        var events = new List<JournalEvent>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await Feed.ReadAllAsync(after, pageSize, None);
            if (page.Count > 0)
            {
                events.AddRange(page);
                after = page[^1].Position;
                continue;
            }
            if (until is null || until(events) || DateTime.UtcNow > deadline)
            {
                return events;
            }
            await Task.Delay(20);
        }
    }

    protected static string NewStream() => $"feed-{Guid.NewGuid():N}";

    protected static string[] Texts(IEnumerable<JournalEvent> events, string stream) =>
        events.Where(e => e.StreamId == stream).Select(e => System.Text.Encoding.UTF8.GetString(e.Payload)).ToArray();
}
