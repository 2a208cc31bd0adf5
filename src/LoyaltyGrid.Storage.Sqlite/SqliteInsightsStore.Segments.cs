using LoyaltyGrid.Storage.Insights;
using Microsoft.Data.Sqlite;

namespace LoyaltyGrid.Storage.Sqlite;

/// <summary>Segment membership (Migrations/011_segment_members): a row while a member is in a segment.</summary>
public sealed partial class SqliteInsightsStore
{
    public Task<IReadOnlyDictionary<string, long>> CountSegmentMembersAsync(string programId, CancellationToken cancellationToken) =>
        Task.FromResult(store.Read<IReadOnlyDictionary<string, long>>(connection =>
        {
            using var command = Command(connection,
                "SELECT segment_id, COUNT(*) FROM insights_segment_members WHERE program_id = $program GROUP BY segment_id");
            command.Parameters.AddWithValue("$program", programId);
            using var reader = command.ExecuteReader();
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            while (reader.Read())
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }
            return counts;
        }));

    public Task<SegmentMembersPage> ListSegmentMembersAsync(
        string programId, string segmentId, string? after, int pageSize, CancellationToken cancellationToken) =>
        Task.FromResult(store.Read(connection =>
        {
            // SQLite compares TEXT bytewise (BINARY): the ordinal order of the page token.
            using var command = Command(connection, """
                SELECT member_id FROM insights_segment_members
                WHERE program_id = $program AND segment_id = $segment AND member_id > $after
                ORDER BY member_id LIMIT $limit
                """);
            command.Parameters.AddWithValue("$program", programId);
            command.Parameters.AddWithValue("$segment", segmentId);
            command.Parameters.AddWithValue("$after", after ?? "");
            command.Parameters.AddWithValue("$limit", pageSize + 1);
            using var reader = command.ExecuteReader();
            var ids = new List<string>(pageSize + 1);
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
            return ids.Count > pageSize ? new SegmentMembersPage(ids[..pageSize], ids[pageSize - 1]) : new SegmentMembersPage(ids, null);
        }));

    private static void ApplySegmentMembers(SqliteConnection connection, IReadOnlyList<SegmentMemberChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }
        using var insert = Command(connection,
            "INSERT INTO insights_segment_members (program_id, segment_id, member_id) VALUES ($program, $segment, $member) ON CONFLICT DO NOTHING");
        using var delete = Command(connection,
            "DELETE FROM insights_segment_members WHERE program_id = $program AND segment_id = $segment AND member_id = $member");
        var inserts = Parameters(insert, "$program", "$segment", "$member");
        var deletes = Parameters(delete, "$program", "$segment", "$member");
        foreach (var c in changes)
        {
            Set(c.In ? inserts : deletes, c.ProgramId, c.SegmentId, c.MemberId);
            (c.In ? insert : delete).ExecuteNonQuery();
        }
    }
}
