using static LoyaltyGrid.Storage.Tests.TestPayloads;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LoyaltyGrid.Storage.Tests;

/// <summary>
/// <see cref="GroupCommitJournal"/> over a real backend. Each test makes its own journal (so its counters are
/// the test's own) on the class's shared store, writing to streams of its own.
/// </summary>
public abstract class GroupCommitJournalTests(IEventStore store)
{
    private const int Appenders = 500;

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Five_hundred_concurrent_appends_to_distinct_streams_all_complete_and_are_readable()
    {
        await using var journal = NewJournal();
        var streams = NewStreams(Appenders);

        await Task.WhenAll(streams.Select(s => Task.Run(() => journal.AppendAsync(Append(s, 1, [$"{s}#1", $"{s}#2"])))));

        foreach (var stream in streams)
        {
            Assert.Equal([Event(1, $"{stream}#1"), Event(2, $"{stream}#2")], await store.ReadForwardAsync(stream, 0, None));
        }
        Assert.Equal(Appenders, journal.Appends);
    }

    [Fact]
    public async Task Concurrent_appends_are_grouped_into_fewer_commits_than_appends()
    {
        await using var journal = NewJournal();

        await Task.WhenAll(NewStreams(Appenders).Select(s => Task.Run(() => journal.AppendAsync(Append(s, 1, [s])))));

        Assert.Equal(Appenders, journal.Appends);
        Assert.True(journal.Commits < journal.Appends,
            $"{journal.Appends} concurrent appends took {journal.Commits} commits: none of them were grouped.");
    }

    [Fact]
    public async Task A_conflicting_append_in_a_concurrent_batch_fails_only_its_caller()
    {
        await using var journal = NewJournal();
        var taken = NewStream();
        await journal.AppendAsync(Append(taken, 1, ["first writer"]));
        var streams = NewStreams(200);

        // The conflicting append goes in the middle of the others, so it shares a group commit with some of them.
        var others = streams[..100].Select(s => AppendOther(s)).ToList();
        var conflicting = Task.Run(() => journal.AppendAsync(Append(taken, 1, ["second writer"])));
        others.AddRange(streams[100..].Select(s => AppendOther(s)));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => conflicting);
        await Task.WhenAll(others);

        Assert.Equal([Event(1, "first writer")], await store.ReadForwardAsync(taken, 0, None));
        foreach (var stream in streams)
        {
            Assert.Equal([Event(1, stream)], await store.ReadForwardAsync(stream, 0, None));
        }
        var due = await store.ReadDueWakeUpsAsync(DateTimeOffset.UnixEpoch, 100_000, None);
        Assert.All(streams, s => Assert.Contains(s, due));
        Assert.Equal(1 + streams.Length, journal.Appends);

        Task AppendOther(string stream) =>
            Task.Run(() => journal.AppendAsync(Append(stream, 1, [stream], new WakeUp(DateTimeOffset.UnixEpoch))));
    }

    [Fact]
    public async Task DisposeAsync_drains_the_queue_before_it_returns()
    {
        var journal = NewJournal();
        var streams = NewStreams(Appenders);
        var appends = streams.Select(s => journal.AppendAsync(Append(s, 1, [s]))).ToArray();

        await journal.DisposeAsync();

        Assert.All(appends, a => Assert.True(a.IsCompletedSuccessfully, $"An append was {a.Status} after DisposeAsync returned."));
        Assert.Equal(Appenders, journal.Appends);
        foreach (var stream in streams)
        {
            Assert.Equal([Event(1, stream)], await store.ReadForwardAsync(stream, 0, None));
        }
    }

    [Fact]
    public async Task An_append_after_DisposeAsync_is_refused()
    {
        var journal = NewJournal();
        await journal.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => journal.AppendAsync(Append(NewStream(), 1, ["late"])));
    }

    private GroupCommitJournal NewJournal() =>
        new(store, Options.Create(new StorageOptions()), NullLogger<GroupCommitJournal>.Instance);

    private static string NewStream() => $"member-{Guid.NewGuid():N}";

    private static string[] NewStreams(int count) => Enumerable.Range(0, count).Select(_ => NewStream()).ToArray();
}
