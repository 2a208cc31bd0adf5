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

    [Fact]
    public async Task Positions_are_ordered_as_numbers_so_a_transaction_id_gaining_a_digit_is_not_passed_over()
    {
        // As text, transaction 10 sorts before 9: a feed ordered so would give 10 first, and a checkpoint after it
        // compares as a number and never returns 9 (seen in bench-insights.sh when ids went from 999 to 1000).
        // Both ids are far below any running transaction of the cluster, so both are below the horizon.
        var (nine, ten) = ("feed-digits/b-" + NewStream(), "feed-digits/a-" + NewStream());
        await using (var insert = fixture.DataSource.CreateCommand(
            "INSERT INTO lg_events (stream_id, seq, recorded_at, body, tx) VALUES ($1, 1, 0, $3, '9'), ($2, 1, 0, $3, '10')"))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = nine });
            insert.Parameters.Add(new NpgsqlParameter { Value = ten });
            insert.Parameters.Add(new NpgsqlParameter { Value = Utf8("digits") });
            await insert.ExecuteNonQueryAsync();
        }

        var read = await ReadFeedAsync(JournalPosition.Start, pageSize: 1, until: e => e.Count(x => x.StreamId == nine || x.StreamId == ten) == 2);

        Assert.Equal([(9L, nine), (10L, ten)], read.Where(e => e.StreamId == nine || e.StreamId == ten).Select(e => (e.Position.Commit, e.StreamId)));
    }
}
