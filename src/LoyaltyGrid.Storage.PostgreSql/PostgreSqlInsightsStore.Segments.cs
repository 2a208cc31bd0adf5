using LoyaltyGrid.Storage.Insights;
using Npgsql;

namespace LoyaltyGrid.Storage.PostgreSql;

/// <summary>Segment membership (Migrations/011_segment_members): a row while a member is in a segment.</summary>
public sealed partial class PostgreSqlInsightsStore
{
    public async Task<IReadOnlyDictionary<string, long>> CountSegmentMembersAsync(string programId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT segment_id, count(*) FROM lg_insights_segment_members WHERE program_id = $1 GROUP BY segment_id");
        command.Parameters.Add(new NpgsqlParameter { Value = programId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }
        return counts;
    }

    public async Task<SegmentMembersPage> ListSegmentMembersAsync(
        string programId, string segmentId, string? after, int pageSize, CancellationToken cancellationToken)
    {
        // COLLATE "C": member ids in byte order, the order of the primary key's pages and of the page token.
        await using var command = dataSource.CreateCommand("""
            SELECT member_id FROM lg_insights_segment_members
            WHERE program_id = $1 AND segment_id = $2 AND member_id COLLATE "C" > $3 COLLATE "C"
            ORDER BY member_id COLLATE "C" LIMIT $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = programId });
        command.Parameters.Add(new NpgsqlParameter { Value = segmentId });
        command.Parameters.Add(new NpgsqlParameter { Value = after ?? "" });
        command.Parameters.Add(new NpgsqlParameter { Value = pageSize + 1 });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>(pageSize + 1);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }
        return ids.Count > pageSize ? new SegmentMembersPage(ids[..pageSize], ids[pageSize - 1]) : new SegmentMembersPage(ids, null);
    }

    private static void AddSegmentMembers(NpgsqlBatch batch, IReadOnlyList<SegmentMemberChange> c)
    {
        var entered = c.Where(x => x.In).ToArray();
        var left = c.Where(x => !x.In).ToArray();
        if (entered.Length > 0)
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO lg_insights_segment_members (program_id, segment_id, member_id)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
                ON CONFLICT DO NOTHING
                """,
                Texts(entered.Select(x => x.ProgramId)), Texts(entered.Select(x => x.SegmentId)), Texts(entered.Select(x => x.MemberId))));
        }
        if (left.Length > 0)
        {
            batch.BatchCommands.Add(Command("""
                DELETE FROM lg_insights_segment_members s
                USING unnest($1::text[], $2::text[], $3::text[]) AS l(program_id, segment_id, member_id)
                WHERE s.program_id = l.program_id AND s.segment_id = l.segment_id AND s.member_id = l.member_id
                """,
                Texts(left.Select(x => x.ProgramId)), Texts(left.Select(x => x.SegmentId)), Texts(left.Select(x => x.MemberId))));
        }
    }
}
