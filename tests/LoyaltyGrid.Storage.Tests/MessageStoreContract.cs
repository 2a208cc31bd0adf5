using LoyaltyGrid.Storage.Messaging;

namespace LoyaltyGrid.Storage.Tests;

/// <summary>
/// What every <see cref="IMessageStore"/> backend must do: write a batch with its checkpoint or not at all, number each
/// program's outbox 1, 2, 3… in batch order, release held messages once, and add up outcome counts. The class's tests
/// share one database (and so one checkpoint) and run one at a time; each uses programs of its own.
/// </summary>
public abstract class MessageStoreContract(IMessageStore messages)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset At = new(2026, 12, 2, 13, 0, 0, 123, TimeSpan.Zero);

    private static string NewProgram() => "p-" + Guid.NewGuid().ToString("N")[..12];

    private static OutboxMessage Message(string program, string member, int kind, string source) =>
        new(program, 0, member, kind, 0b011, "{\"points\":\"10\"}", At, At.AddSeconds(1), source);

    [Fact]
    public async Task A_batch_numbers_each_programs_messages_in_order_and_moves_the_checkpoint_with_them()
    {
        var (shop, cafe) = (NewProgram(), NewProgram());
        var start = await messages.ReadCheckpointAsync(None);
        var to = new JournalPosition(start.Position.Commit + 10, "member/x", 3);

        Assert.True(await messages.ApplyAsync(new MessageBatch(start.Version, to, 4)
        {
            Outbox = [Message(shop, "ann", 1, "a:1"), Message(cafe, "bob", 9, "b:1"), Message(shop, "cid", 9, "c:1")],
        }, None));
        Assert.True(await messages.ApplyAsync(new MessageBatch(start.Version + 1, to, 0) { Outbox = [Message(shop, "ann", 3, "a:2")] }, None));

        var checkpoint = await messages.ReadCheckpointAsync(None);
        Assert.Equal((to, start.Version + 2, start.Events + 4), (checkpoint.Position, checkpoint.Version, checkpoint.Events));
        Assert.Equal(
            [Message(shop, "ann", 1, "a:1") with { Sequence = 1 }, Message(shop, "cid", 9, "c:1") with { Sequence = 2 },
             Message(shop, "ann", 3, "a:2") with { Sequence = 3 }],
            await messages.ReadOutboxAsync(shop, 0, 10, None));
        Assert.Equal([Message(shop, "ann", 3, "a:2") with { Sequence = 3 }], await messages.ReadOutboxAsync(shop, 2, 10, None));
        Assert.Equal([Message(shop, "ann", 1, "a:1") with { Sequence = 1 }], await messages.ReadOutboxAsync(shop, 0, 1, None));
        Assert.Equal([Message(cafe, "bob", 9, "b:1") with { Sequence = 1 }], await messages.ReadOutboxAsync(cafe, 0, 10, None));
    }

    [Fact]
    public async Task A_batch_decided_from_a_version_that_moved_writes_nothing()
    {
        var shop = NewProgram();
        var start = await messages.ReadCheckpointAsync(None);
        Assert.True(await messages.ApplyAsync(new MessageBatch(start.Version, start.Position, 0), None));

        var stale = await messages.ApplyAsync(new MessageBatch(start.Version, start.Position, 1)
        {
            Outbox = [Message(shop, "ann", 1, "a:1")],
            Recipients = [new MessageRecipientRow(shop, "ann", 1, 1, null, 0, 0, 0, null, 0, null, 0, null)],
            Counts = [new MessageCountChange(shop, 1, 1, 1)],
            Hold = [new HeldMessage(0, shop, "ann", 9, "a:9", At, "{}", At)],
        }, None);

        Assert.False(stale);
        Assert.Equal(start.Version + 1, (await messages.ReadCheckpointAsync(None)).Version);
        Assert.Empty(await messages.ReadOutboxAsync(shop, 0, 10, None));
        Assert.Empty(await messages.ReadRecipientsAsync([(shop, "ann")], None));
        var (counts, heldNow) = await CountsAsync(shop);
        Assert.Empty(counts);
        Assert.Equal(0L, heldNow);
    }

    [Fact]
    public async Task Recipients_are_replaced_whole_and_their_due_expiry_checks_are_read_earliest_first()
    {
        var shop = NewProgram();
        var ann = new MessageRecipientRow(shop, "ann", 0b001, 0b011, "Europe/Berlin", 100, 20, 5, 739_586, 2, 739_584, 3, At.AddDays(-1));
        var bob = new MessageRecipientRow(shop, "bob", 0, 0, null, 0, 0, 0, null, 0, null, 0, null);
        await ApplyAsync(new MessageBatch(0, default, 0) { Recipients = [ann, bob] });
        await ApplyAsync(new MessageBatch(0, default, 0) { Recipients = [bob with { Consented = 4, ExpiryCheckAt = At.AddDays(-2) }] });

        var rows = await messages.ReadRecipientsAsync([(shop, "ann"), (shop, "bob"), (shop, "cid")], None);
        var due = (await messages.ReadDueExpiryChecksAsync(At, 1000, None)).Where(r => r.ProgramId == shop).ToArray();

        Assert.Equal(2, rows.Count);
        Assert.Equal(ann, rows[(shop, "ann")]);
        Assert.Equal(bob with { Consented = 4, ExpiryCheckAt = At.AddDays(-2) }, rows[(shop, "bob")]);
        Assert.Equal(["bob", "ann"], due.Select(r => r.MemberId));
    }

    [Fact]
    public async Task Held_messages_are_read_when_due_and_a_release_deletes_them_and_outcome_counts_add_up()
    {
        var shop = NewProgram();
        await ApplyAsync(new MessageBatch(0, default, 0)
        {
            Hold = [new HeldMessage(0, shop, "ann", 9, "a:9", At, "{\"x\":\"1\"}", At.AddHours(-1)),
                new HeldMessage(0, shop, "bob", 6, "b:6", At, "{}", At.AddHours(8))],
            Counts = [new MessageCountChange(shop, 9, 2, 1), new MessageCountChange(shop, 6, 2, 1), new MessageCountChange(shop, 9, 4, 2)],
        });

        var due = (await messages.ReadDueHeldAsync(At, 1000, None)).Where(h => h.ProgramId == shop).ToArray();
        Assert.Equal([("ann", 9, "a:9", At, "{\"x\":\"1\"}", At.AddHours(-1))],
            due.Select(h => (h.MemberId, h.Kind, h.SourceKey, h.OccurredAt, h.Data, h.HoldUntil)));
        await ApplyAsync(new MessageBatch(0, default, 0)
        {
            Released = [due[0].Id],
            Outbox = [Message(shop, "ann", 9, "a:9")],
            Counts = [new MessageCountChange(shop, 9, 1, 1), new MessageCountChange(shop, 9, 4, 1)],
        });

        Assert.DoesNotContain(await messages.ReadDueHeldAsync(At, 1000, None), h => h.ProgramId == shop);
        Assert.Single(await messages.ReadDueHeldAsync(At.AddDays(1), 1000, None), h => h.ProgramId == shop);
        var (counts, heldNow) = await CountsAsync(shop);
        Assert.Equal([new MessageCount(6, 2, 1), new MessageCount(9, 1, 1), new MessageCount(9, 2, 1), new MessageCount(9, 4, 3)], counts);
        Assert.Equal(1L, heldNow);
    }

    /// <summary>Applies <paramref name="batch"/> from the stored version, keeping the stored position.</summary>
    private async Task ApplyAsync(MessageBatch batch)
    {
        var checkpoint = await messages.ReadCheckpointAsync(None);
        Assert.True(await messages.ApplyAsync(batch with { FromVersion = checkpoint.Version, To = checkpoint.Position }, None));
    }

    private async Task<(MessageCount[], long)> CountsAsync(string program)
    {
        var (counts, held) = await messages.ReadCountsAsync(program, None);
        return ([.. counts], held);
    }
}
