using static LoyaltyGrid.Storage.Tests.TestPayloads;
using System.Text;

namespace LoyaltyGrid.Storage.Tests;

/// <summary>
/// What every <see cref="IEventStore"/> backend must do. A concrete class per backend hands in a store on a fresh
/// database shared by its tests, so each test writes to streams of its own. Wake-up times are spread over eras
/// (before 2000 only in <see cref="Due_wake_ups_come_earliest_first_and_only_up_to_the_limit"/>) so that tests
/// reading the due list do not see each other's wake-ups.
/// </summary>
public abstract class EventStoreContract(IEventStore store)
{
    private const int AllDue = 100_000;

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task InitializeAsync_is_idempotent_and_keeps_the_data()
    {
        var stream = NewStream();
        await AppendAsync(stream, 1, "a", "b");

        await store.InitializeAsync(None);
        await store.InitializeAsync(None);
        // Several silos start at once.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => store.InitializeAsync(None))));

        Assert.Equal([Event(1, "a"), Event(2, "b")], await ReadAllAsync(stream));
    }

    [Fact]
    public async Task Appended_events_read_forward_in_order_with_their_sequences()
    {
        var stream = NewStream();

        await AppendAsync(stream, 1, "a", "b", "c");
        await AppendAsync(stream, 4, "d");

        Assert.Equal(
            [Event(1, "a"), Event(2, "b"), Event(3, "c"), Event(4, "d")],
            await ReadAllAsync(stream));
    }

    [Fact]
    public async Task Reading_forward_after_a_sequence_returns_only_later_events()
    {
        var stream = NewStream();
        await AppendAsync(stream, 1, "a", "b", "c", "d");

        Assert.Equal([Event(3, "c"), Event(4, "d")], await store.ReadForwardAsync(stream, 2, None));
        Assert.Empty(await store.ReadForwardAsync(stream, 4, None));
        Assert.Empty(await store.ReadForwardAsync(NewStream(), 0, None));
    }

    [Fact]
    public async Task Reading_backward_returns_newest_first_before_the_bound_up_to_the_limit()
    {
        var stream = NewStream();
        await AppendAsync(stream, 1, Enumerable.Range(1, 10).Select(i => $"e{i}").ToArray());

        Assert.Equal(Events(10, 9, 8), await store.ReadBackwardAsync(stream, long.MaxValue, 3, None));
        Assert.Equal(Events(7, 6, 5), await store.ReadBackwardAsync(stream, 8, 3, None));
        Assert.Equal(Events(2, 1), await store.ReadBackwardAsync(stream, 3, 10, None));
        Assert.Empty(await store.ReadBackwardAsync(stream, 1, 10, None));
        Assert.Empty(await store.ReadBackwardAsync(NewStream(), long.MaxValue, 10, None));

        static StoredEvent[] Events(params int[] sequences) => sequences.Select(s => Event(s, $"e{s}")).ToArray();
    }

    [Fact]
    public async Task An_append_at_a_taken_sequence_conflicts_and_writes_neither_its_events_nor_its_wake_up()
    {
        var stream = NewStream();
        var wakeUp = At(2002);
        await AppendAsync(Append(stream, 1, ["a", "b", "c"], new WakeUp(wakeUp)));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            AppendAsync(Append(stream, 3, ["x", "y"], new WakeUp(At(2001)))));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            AppendAsync(Append(stream, 1, ["z"], new WakeUp(null))));

        Assert.Equal([Event(1, "a"), Event(2, "b"), Event(3, "c")], await ReadAllAsync(stream));
        Assert.Equal(wakeUp, await DueAtAsync(stream));
    }

    [Fact]
    public async Task An_append_that_would_leave_a_gap_conflicts_and_writes_nothing()
    {
        var stream = NewStream();
        var fresh = NewStream();
        await AppendAsync(stream, 1, "a", "b");

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => AppendAsync(stream, 4, "d"));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            AppendAsync(Append(fresh, 2, ["b"], new WakeUp(At(2003)))));

        Assert.Equal([Event(1, "a"), Event(2, "b")], await ReadAllAsync(stream));
        Assert.Empty(await ReadAllAsync(fresh));
        Assert.DoesNotContain(fresh, await store.ReadDueWakeUpsAsync(DateTimeOffset.MaxValue, AllDue, None));
    }

    [Fact]
    public async Task Racing_appends_at_the_same_sequence_let_exactly_one_writer_win()
    {
        var stream = NewStream();
        var writers = Enumerable.Range(0, 8)
            .Select(w => Task.Run(() => AppendAsync(stream, 1, $"writer {w}", $"writer {w} again")))
            .ToArray();

        var outcomes = await Task.WhenAll(writers.Select(async w =>
        {
            try
            {
                await w;
                return "won";
            }
            catch (ConcurrencyConflictException)
            {
                return "conflict";
            }
        }));

        Assert.Equal(7, outcomes.Count(o => o == "conflict"));
        var winner = Array.IndexOf(outcomes, "won");
        Assert.Equal(
            [Event(1, $"writer {winner}"), Event(2, $"writer {winner} again")],
            await ReadAllAsync(stream));
    }

    [Fact]
    public async Task A_batch_with_one_conflicting_append_writes_none_of_its_appends()
    {
        var existing = NewStream();
        var fresh = NewStream();
        var conflicting = NewStream();
        var last = NewStream();
        var existingWakeUp = At(2004);
        await AppendAsync(Append(existing, 1, ["e1", "e2"], new WakeUp(existingWakeUp)));
        await AppendAsync(conflicting, 1, "c1");
        StreamAppend[] valid =
        [
            Append(existing, 3, ["e3"], new WakeUp(null)),
            Append(fresh, 1, ["f1", "f2"], new WakeUp(At(2005))),
            Append(last, 1, ["l1"]),
        ];

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.AppendAsync([valid[0], valid[1], Append(conflicting, 1, ["c1 again"]), valid[2]], None));

        Assert.Equal([Event(1, "e1"), Event(2, "e2")], await ReadAllAsync(existing));
        Assert.Empty(await ReadAllAsync(fresh));
        Assert.Equal([Event(1, "c1")], await ReadAllAsync(conflicting));
        Assert.Empty(await ReadAllAsync(last));
        Assert.Equal(existingWakeUp, await DueAtAsync(existing));
        Assert.Null(await DueAtAsync(fresh));

        // The same batch without the conflicting append was valid all along.
        await store.AppendAsync(valid, None);
        Assert.Equal([Event(1, "e1"), Event(2, "e2"), Event(3, "e3")], await ReadAllAsync(existing));
        Assert.Equal([Event(1, "f1"), Event(2, "f2")], await ReadAllAsync(fresh));
        Assert.Equal([Event(1, "l1")], await ReadAllAsync(last));
        Assert.Null(await DueAtAsync(existing));
        Assert.Equal(At(2005), await DueAtAsync(fresh));
    }

    [Fact]
    public async Task A_wake_up_set_in_a_failed_batch_is_rolled_back_with_it()
    {
        var woken = NewStream();
        var gap = NewStream();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.AppendAsync(
            [Append(woken, 1, [], new WakeUp(At(2007))), Append(gap, 5, ["g5"])], None));

        Assert.DoesNotContain(woken, await store.ReadDueWakeUpsAsync(DateTimeOffset.MaxValue, AllDue, None));
        Assert.Empty(await ReadAllAsync(gap));
    }

    [Fact]
    public async Task A_snapshot_is_read_back_as_written()
    {
        var stream = NewStream();
        Assert.Null(await store.ReadSnapshotAsync(stream, None));

        await store.WriteSnapshotAsync(Snapshot(stream, 7, """{"points":120,"tier":"Gold"}"""), None);

        Assert.Equal(Snapshot(stream, 7, """{"points":120,"tier":"Gold"}"""), await store.ReadSnapshotAsync(stream, None));
        Assert.Null(await store.ReadSnapshotAsync(NewStream(), None));
    }

    [Fact]
    public async Task Reading_the_latest_gives_the_snapshot_and_only_the_events_after_it_in_order()
    {
        var stream = NewStream();
        var none = await store.ReadLatestAsync(stream, None);
        Assert.Null(none.Snapshot);
        Assert.Empty(none.EventsAfter);

        await AppendAsync(stream, 1, "a", "b", "c", "d", "e");
        // Without a snapshot: every event.
        var all = await store.ReadLatestAsync(stream, None);
        Assert.Null(all.Snapshot);
        Assert.Equal([Event(1, "a"), Event(2, "b"), Event(3, "c"), Event(4, "d"), Event(5, "e")], all.EventsAfter);

        await store.WriteSnapshotAsync(Snapshot(stream, 3, "state at 3"), None);
        await AppendAsync(stream, 6, "f");
        var after = await store.ReadLatestAsync(stream, None);
        Assert.Equal(Snapshot(stream, 3, "state at 3"), after.Snapshot);
        Assert.Equal([Event(4, "d"), Event(5, "e"), Event(6, "f")], after.EventsAfter);

        // A snapshot of the last event: nothing after it.
        await store.WriteSnapshotAsync(Snapshot(stream, 6, "state at 6"), None);
        var last = await store.ReadLatestAsync(stream, None);
        Assert.Equal(Snapshot(stream, 6, "state at 6"), last.Snapshot);
        Assert.Empty(last.EventsAfter);
    }

    [Fact]
    public async Task A_newer_snapshot_replaces_the_stored_one_and_an_older_or_equal_one_does_not()
    {
        var stream = NewStream();
        await store.WriteSnapshotAsync(Snapshot(stream, 10, "ten"), None);

        await store.WriteSnapshotAsync(Snapshot(stream, 5, "five"), None);
        Assert.Equal(Snapshot(stream, 10, "ten"), await store.ReadSnapshotAsync(stream, None));

        await store.WriteSnapshotAsync(Snapshot(stream, 10, "ten again"), None);
        Assert.Equal(Snapshot(stream, 10, "ten"), await store.ReadSnapshotAsync(stream, None));

        await store.WriteSnapshotAsync(Snapshot(stream, 20, "twenty"), None);
        Assert.Equal(Snapshot(stream, 20, "twenty"), await store.ReadSnapshotAsync(stream, None));
    }

    [Fact]
    public async Task A_wake_up_is_set_kept_replaced_and_cleared_by_appends()
    {
        var stream = NewStream();

        await AppendAsync(Append(stream, 1, ["a"], new WakeUp(At(2010))));
        Assert.Equal(At(2010), await DueAtAsync(stream));
        Assert.DoesNotContain(stream, await store.ReadDueWakeUpsAsync(At(2010).AddMilliseconds(-1), AllDue, None));

        // An append without a WakeUp leaves the stored one alone.
        await AppendAsync(stream, 2, "b");
        Assert.Equal(At(2010), await DueAtAsync(stream));

        await AppendAsync(Append(stream, 3, ["c"], new WakeUp(At(2011))));
        Assert.Equal(At(2011), await DueAtAsync(stream));

        await AppendAsync(Append(stream, 4, ["d"], new WakeUp(null)));
        Assert.DoesNotContain(stream, await store.ReadDueWakeUpsAsync(DateTimeOffset.MaxValue, AllDue, None));
    }

    [Fact]
    public async Task Due_wake_ups_come_earliest_first_and_only_up_to_the_limit()
    {
        // The only wake-ups before 2000 in this database, so the due list is exactly this test's.
        var start = new DateTimeOffset(1971, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var streams = Enumerable.Range(0, 6).Select(_ => NewStream()).ToArray();
        int[] minutes = [3, 1, 6, 2, 4, 5];
        await store.AppendAsync(
            streams.Select((s, i) => Append(s, 1, [$"{s} event"], new WakeUp(start.AddMinutes(minutes[i])))).ToArray(), None);
        string[] byDueTime = [streams[1], streams[3], streams[0], streams[4], streams[5], streams[2]];

        Assert.Equal(byDueTime[..3], await store.ReadDueWakeUpsAsync(start.AddMinutes(4), 3, None));
        Assert.Equal(byDueTime[..4], await store.ReadDueWakeUpsAsync(start.AddMinutes(4), 10, None));
        Assert.Equal(byDueTime[..1], await store.ReadDueWakeUpsAsync(start.AddMinutes(1), 10, None));
        Assert.Empty(await store.ReadDueWakeUpsAsync(start.AddMinutes(1).AddMilliseconds(-1), 10, None));
        Assert.Equal(byDueTime, await store.ReadDueWakeUpsAsync(start.AddMinutes(6), 10, None));
    }

    [Fact]
    public async Task Payloads_with_unicode_quotes_and_100_KB_round_trip_exactly()
    {
        var stream = NewStream();
        // Numbered lines, so a dropped or reordered chunk shows; multi-byte and surrogate-pair characters on every line.
        var large = string.Concat(Enumerable.Range(0, 100 * 1024 / 20 + 1).Select(i => $"{i:D6} ü€😀 \"q\" 'a' \\\n"));
        string[] payloads =
        [
            "Grüße, Łódź, 東京, Привет, مرحبا, שלום, नमस्ते",
            "emoji 😀🎉👩‍👩‍👧‍👦 and combining e\u0301 and \u200Bzero-width",
            """{"name":"O'Brien","quote":"\"double\"","path":"C:\\temp\\x","nested":"{\"a\":1}"}""",
            "single ' double \" backtick ` backslash \\ dollar $1 percent % question ?",
            "'); DROP TABLE lg_events; DROP TABLE events; --",
            "line\nbreak\r\nand\ttab",
            "",
            "   leading and trailing spaces   ",
            large,
        ];
        Assert.True(large.Length >= 100 * 1024);

        await AppendAsync(stream, 1, payloads);
        await store.WriteSnapshotAsync(Snapshot(stream, payloads.Length, large + payloads[1]), None);

        Assert.Equal(payloads.Select((p, i) => Event(i + 1, p)), await ReadAllAsync(stream));
        Assert.Equal(payloads.Select((p, i) => Event(i + 1, p)).Reverse(), await store.ReadBackwardAsync(stream, long.MaxValue, 100, None));
        Assert.Equal(Snapshot(stream, payloads.Length, large + payloads[1]), await store.ReadSnapshotAsync(stream, None));
    }

    [Fact]
    public async Task A_zero_payload_append_carrying_only_a_wake_up_sets_it_without_using_a_sequence()
    {
        var stream = NewStream();
        var fresh = NewStream();
        await AppendAsync(stream, 1, "a", "b");

        await AppendAsync(Append(stream, 3, [], new WakeUp(At(2020))));
        await AppendAsync(Append(fresh, 1, [], new WakeUp(At(2021))));

        Assert.Equal([Event(1, "a"), Event(2, "b")], await ReadAllAsync(stream));
        Assert.Empty(await ReadAllAsync(fresh));
        Assert.Equal(At(2020), await DueAtAsync(stream));
        Assert.Equal(At(2021), await DueAtAsync(fresh));

        // The next event still takes the next sequence.
        await AppendAsync(stream, 3, "c");
        await AppendAsync(Append(fresh, 1, [], new WakeUp(null)));
        Assert.Equal([Event(1, "a"), Event(2, "b"), Event(3, "c")], await ReadAllAsync(stream));
        Assert.Null(await DueAtAsync(fresh));
    }

    [Fact]
    public async Task Concurrent_appends_to_distinct_streams_from_many_tasks_all_land()
    {
        const int Writers = 32;
        const int AppendsEach = 10;
        var streams = Enumerable.Range(0, Writers).Select(_ => NewStream()).ToArray();

        await Task.WhenAll(streams.Select(stream => Task.Run(async () =>
        {
            for (var seq = 1; seq <= AppendsEach; seq++)
            {
                await AppendAsync(stream, seq, $"{stream}#{seq}");
            }
        })));

        foreach (var stream in streams)
        {
            Assert.Equal(
                Enumerable.Range(1, AppendsEach).Select(seq => Event(seq, $"{stream}#{seq}")),
                await ReadAllAsync(stream));
        }
    }

    [Fact]
    public async Task Reading_streams_by_prefix_returns_their_events_by_stream_id_then_sequence_and_nothing_else()
    {
        var root = NewRoot();
        var prefix = root + "/p/";
        string[] inside = [prefix + "b", prefix + "a/x", prefix, prefix + "a", prefix + "c"];
        // Around the range's edges: the prefix without its slash, the id right after the range ('/' + 1 is '0'), a sibling.
        string[] outside = [root + "/p", root + "/p0", root + "/p0/a", root + "/q/a", root + "/o/z"];
        foreach (var stream in inside.Concat(outside))
        {
            await AppendAsync(stream, 1, $"{stream}#1", $"{stream}#2");
        }
        // Interleaved with other streams' appends, as member grains write.
        foreach (var stream in outside.Concat(inside))
        {
            await AppendAsync(stream, 3, $"{stream}#3");
        }

        var expected = inside.Order(StringComparer.Ordinal)
            .SelectMany(stream => Enumerable.Range(1, 3).Select(seq => StreamEventOf(stream, seq, $"{stream}#{seq}")))
            .ToArray();
        Assert.Equal(expected, await store.ReadStreamsAsync(prefix, null, 0, 1000, None));
        Assert.Empty(await store.ReadStreamsAsync(root + "/none/", null, 0, 1000, None));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1000)]
    public async Task Reading_streams_in_pages_resumes_after_the_last_event_without_gaps_or_repeats(int pageSize)
    {
        var prefix = NewRoot() + "/";
        var streams = Enumerable.Range(0, 5).Select(i => $"{prefix}m{i}").ToArray();
        for (var i = 0; i < streams.Length; i++)
        {
            await AppendAsync(streams[i], 1, Enumerable.Range(1, i + 1).Select(seq => $"e{seq}").ToArray());
        }
        var all = await store.ReadStreamsAsync(prefix, null, 0, 1000, None);

        var paged = new List<StreamEvent>();
        while (true)
        {
            var page = await store.ReadStreamsAsync(prefix, paged.LastOrDefault()?.StreamId, paged.LastOrDefault()?.Sequence ?? 0, pageSize, None);
            Assert.InRange(page.Count, 0, pageSize);
            if (page.Count == 0)
            {
                break;
            }
            paged.AddRange(page);
        }

        Assert.Equal(15, all.Count);
        Assert.Equal(all, paged);
        // Resuming in the middle of a stream, and after its last event.
        Assert.Equal([StreamEventOf(streams[2], 3, "e3"), StreamEventOf(streams[3], 1, "e1")],
            await store.ReadStreamsAsync(prefix, streams[2], 2, 2, None));
        Assert.Equal(StreamEventOf(streams[3], 1, "e1"), (await store.ReadStreamsAsync(prefix, streams[2], 3, 1, None)).Single());
    }

    [Fact]
    public async Task A_stream_prefix_is_literal_so_like_wildcards_and_quotes_in_it_match_only_themselves()
    {
        var root = NewRoot();
        var prefix = root + "/50%_off\\'\"/";
        string[] inside = [prefix + "a", prefix + "b"];
        string[] outside = [root + "/50%Xoff\\'\"/a", root + "/50abcoff\\'\"/a", root + "/50%_off/a", root + "/50%_off\\'\"0"];
        foreach (var stream in inside.Concat(outside))
        {
            await AppendAsync(stream, 1, stream);
        }

        Assert.Equal(inside.Select(s => StreamEventOf(s, 1, s)), await store.ReadStreamsAsync(prefix, null, 0, 100, None));
    }

    [Fact]
    public async Task Streams_with_non_ascii_ids_come_in_code_point_order_on_every_backend()
    {
        var root = NewRoot();
        var prefix = root + "/";
        // UTF-16 ordinal order puts the emoji (a surrogate pair) before U+FF5E; code point (UTF-8 byte) order after it.
        string[] inside = [prefix + "z", prefix + "\U0001F600", prefix + "\uFF5E", prefix + "中", prefix + "é", prefix + "a", prefix + "\U0010FFFFa"];
        foreach (var stream in inside)
        {
            await AppendAsync(stream, 1, stream);
        }
        var byCodePoint = Comparer<string>.Create((a, b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)));

        Assert.Equal(inside.Order(byCodePoint).Select(s => StreamEventOf(s, 1, s)), await store.ReadStreamsAsync(prefix, null, 0, 100, None));
        // Prefixes ending in a character outside the BMP, and in the last code point: the range ends right after them.
        await AppendAsync(root + "/\U0001F601", 1, "next emoji");
        await AppendAsync(root + "0", 1, "after the slash");
        Assert.Equal([StreamEventOf(prefix + "\U0001F600", 1, prefix + "\U0001F600")],
            await store.ReadStreamsAsync(prefix + "\U0001F600", null, 0, 100, None));
        Assert.Equal([StreamEventOf(prefix + "\U0010FFFFa", 1, prefix + "\U0010FFFFa")],
            await store.ReadStreamsAsync(prefix + "\U0010FFFF", null, 0, 100, None));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Reading_streams_with_a_page_size_below_one_is_refused(int maxCount)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ReadStreamsAsync(NewRoot() + "/", null, 0, maxCount, None));
    }

    [Fact]
    public async Task Creating_streams_writes_those_that_do_not_exist_and_reports_the_first_event_of_those_that_do()
    {
        var (fresh, existing, pairA, pairB) = (NewStream(), NewStream(), NewStream(), NewStream());
        await AppendAsync(existing, 1, "old 1", "old 2");

        var results = await store.CreateStreamsAsync(
            [Creation(fresh, "f1"), Creation(existing, "new 1"), new StreamCreation([First(pairA, "a1"), First(pairB, "b1")])], None);

        Assert.Equal([true, false, true], results.Select(r => r.Created));
        Assert.Equal(new string?[] { "old 1" }, Texts(results[1].ExistingFirstPayloads));
        Assert.Empty(results[0].ExistingFirstPayloads);
        Assert.Equal([Event(1, "f1")], await ReadAllAsync(fresh));
        Assert.Equal([Event(1, "old 1"), Event(2, "old 2")], await ReadAllAsync(existing));
        Assert.Equal([Event(1, "a1")], await ReadAllAsync(pairA));
        Assert.Equal([Event(1, "b1")], await ReadAllAsync(pairB));
    }

    [Fact]
    public async Task A_creation_with_one_existing_stream_writes_none_of_its_streams_events_or_wake_ups()
    {
        var (member, alias, taken, other) = (NewStream(), NewStream(), NewStream(), NewStream());
        await AppendAsync(Append(taken, 1, ["taken"], new WakeUp(At(2011))));

        var results = await store.CreateStreamsAsync(
        [
            new StreamCreation([Append(member, 1, ["m1", "m2"], new WakeUp(At(2012))), First(taken, "claim")]),
            new StreamCreation([Append(other, 1, ["o1"], new WakeUp(At(2013))), First(alias, "claim")]),
        ], None);

        Assert.False(results[0].Created);
        Assert.Equal(new string?[] { null, "taken" }, Texts(results[0].ExistingFirstPayloads));
        Assert.Empty(await ReadAllAsync(member));
        Assert.Null(await DueAtAsync(member));
        Assert.Equal([Event(1, "taken")], await ReadAllAsync(taken));
        Assert.Equal(At(2011), await DueAtAsync(taken));
        Assert.True(results[1].Created);
        Assert.Equal(At(2013), await DueAtAsync(other));
        Assert.Equal([Event(1, "claim")], await ReadAllAsync(alias));
    }

    [Fact]
    public async Task A_created_stream_is_like_any_other_appends_continue_it_and_sequence_1_conflicts()
    {
        var stream = NewStream();
        await store.CreateStreamsAsync([new StreamCreation([Append(stream, 1, ["a", "b"])])], None);

        await AppendAsync(stream, 3, "c");
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => AppendAsync(stream, 1, "x"));
        var again = await store.CreateStreamsAsync([Creation(stream, "y")], None);

        Assert.False(again[0].Created);
        Assert.Equal(new string?[] { "a" }, Texts(again[0].ExistingFirstPayloads));
        Assert.Equal([Event(1, "a"), Event(2, "b"), Event(3, "c")], await ReadAllAsync(stream));
    }

    [Fact]
    public async Task Racing_creations_and_appends_of_one_stream_let_exactly_one_writer_win()
    {
        var stream = NewStream();
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            if (w % 2 == 0)
            {
                return (await store.CreateStreamsAsync([Creation(stream, $"writer {w}")], None))[0].Created;
            }
            try
            {
                await AppendAsync(stream, 1, $"writer {w}");
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        })).ToArray();

        var won = await Task.WhenAll(writers);

        Assert.Single(won, w => w);
        Assert.Equal([Event(1, $"writer {Array.IndexOf(won, true)}")], await ReadAllAsync(stream));
    }

    [Fact]
    public async Task Creating_a_stream_twice_in_one_call_or_from_a_later_sequence_is_refused()
    {
        var stream = NewStream();

        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateStreamsAsync([Creation(stream, "a"), Creation(stream, "b")], None));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.CreateStreamsAsync([new StreamCreation([Append(stream, 2, ["b"])])], None));
        Assert.Empty(await ReadAllAsync(stream));
        Assert.Empty(await store.CreateStreamsAsync([], None));
    }

    private static StreamAppend First(string stream, string payload) => Append(stream, 1, [payload]);

    private static string?[] Texts(IReadOnlyList<byte[]?> payloads) =>
        payloads.Select(p => p is null ? null : System.Text.Encoding.UTF8.GetString(p)).ToArray();

    private static StreamCreation Creation(string stream, string payload) => new([First(stream, payload)]);

    private static string NewStream() => $"member-{Guid.NewGuid():N}";

    /// <summary>A stream id prefix no other test writes under.</summary>
    private static string NewRoot() => $"scan-{Guid.NewGuid():N}";

    private static DateTimeOffset At(int year) => new(year, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private Task AppendAsync(string stream, long firstSequence, params string[] payloads) =>
        AppendAsync(Append(stream, firstSequence, payloads));

    private Task AppendAsync(StreamAppend append) => store.AppendAsync([append], None);

    private Task<IReadOnlyList<StoredEvent>> ReadAllAsync(string stream) => store.ReadForwardAsync(stream, 0, None);

    /// <summary>The stream's wake-up time (to the millisecond, by bisecting the due list), or null if it has none.</summary>
    private async Task<DateTimeOffset?> DueAtAsync(string stream)
    {
        var (notDue, due) = (At(1900).ToUnixTimeMilliseconds(), At(2200).ToUnixTimeMilliseconds());
        if (!await IsDueAsync(stream, DateTimeOffset.FromUnixTimeMilliseconds(due)))
        {
            return null;
        }
        while (due - notDue > 1)
        {
            var middle = notDue + (due - notDue) / 2;
            (notDue, due) = await IsDueAsync(stream, DateTimeOffset.FromUnixTimeMilliseconds(middle)) ? (notDue, middle) : (middle, due);
        }
        return DateTimeOffset.FromUnixTimeMilliseconds(due);
    }

    private async Task<bool> IsDueAsync(string stream, DateTimeOffset now) =>
        (await store.ReadDueWakeUpsAsync(now, AllDue, None)).Contains(stream);
}
