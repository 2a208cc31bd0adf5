using Npgsql;
using static LoyaltyGrid.Storage.Tests.TestPayloads;

namespace LoyaltyGrid.Storage.Tests;

public sealed class PostgreSqlJournalFeedTests(PostgresStoreFixture fixture)
    : JournalFeedContract(fixture.Store), IClassFixture<PostgresStoreFixture>
{
    [Fact]
    public async Task A_transaction_still_running_holds_the_feed_back_until_it_commits_and_then_comes_first()
    {
        var (slow, fast) = (NewStream(), NewStream());
        var before = await ReadFeedAsync(JournalPosition.Start, 1000);
        var checkpoint = before.Count > 0 ? before[^1].Position : JournalPosition.Start;
        await using var connection = await fixture.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO lg_events (stream_id, seq, recorded_at, body) VALUES ($1, 1, 0, $2)", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = slow });
            insert.Parameters.Add(new NpgsqlParameter { Value = Utf8("slow") });
            await insert.ExecuteNonQueryAsync();
        }

        // A later transaction commits first: a position-ordered reader must not pass the slow one.
        await fixture.Store.AppendAsync([Append(fast, 1, ["fast"])], CancellationToken.None);
        var whileRunning = await ReadFeedAsync(checkpoint, 1000);
        await transaction.CommitAsync();
        var afterCommit = await ReadFeedAsync(checkpoint, 1000, until: e => e.Count(x => x.StreamId == fast || x.StreamId == slow) == 2);

        Assert.DoesNotContain(whileRunning, e => e.StreamId == fast || e.StreamId == slow);
        Assert.Equal([slow, fast], afterCommit.Where(e => e.StreamId == fast || e.StreamId == slow).Select(e => e.StreamId));
    }
}
