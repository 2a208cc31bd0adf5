using LoyaltyGrid.Storage.Insights;
using Microsoft.Data.Sqlite;

namespace LoyaltyGrid.Storage.Sqlite;

/// <summary>The referral tables (Migrations/013_insights_referrals): referrals per program, and members' contact digests.</summary>
public sealed partial class SqliteInsightsStore
{
    public Task<ReferralPage> ListReferralsAsync(string programId, int? status, int pageSize, ReferralCursor? after,
        CancellationToken cancellationToken) => Task.FromResult(store.Read(connection =>
    {
        var where = (status is null ? "" : " AND status = $status")
            + (after is null ? "" : " AND (referred_at < $after_at OR (referred_at = $after_at AND referral_id < $after_id))");
        using var command = Command(connection, $"""
            SELECT referral_id, code, referrer_member_id, referee_member_id, status, rejection, referrer_points, referred_at, settled_at
            FROM insights_referrals WHERE program_id = $program{where}
            ORDER BY referred_at DESC, referral_id DESC LIMIT $limit
            """);
        command.Parameters.AddWithValue("$program", programId);
        command.Parameters.AddWithValue("$status", (object?)status ?? DBNull.Value);
        command.Parameters.AddWithValue("$after_at", (object?)after?.ReferredAt.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$after_id", (object?)after?.ReferralId ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", pageSize + 1);
        using var reader = command.ExecuteReader();
        var rows = new List<ReferralRow>();
        while (reader.Read())
        {
            rows.Add(new ReferralRow(programId, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.GetInt64(6),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                reader.IsDBNull(8) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8))));
        }
        if (rows.Count <= pageSize)
        {
            return new ReferralPage(rows, null);
        }
        rows.RemoveAt(pageSize);
        return new ReferralPage(rows, new ReferralCursor(rows[^1].ReferredAt, rows[^1].ReferralId));
    }));

    public Task<IReadOnlyList<string>> ReadContactHoldersAsync(string programId, IReadOnlyCollection<string> digests,
        CancellationToken cancellationToken) => Task.FromResult(store.Read<IReadOnlyList<string>>(connection =>
    {
        var members = new SortedSet<string>(StringComparer.Ordinal);
        using var command = Command(connection, "SELECT member_id FROM insights_contact_digests WHERE program_id = $program AND digest = $digest");
        var p = Parameters(command, "$program", "$digest");
        foreach (var digest in digests)
        {
            Set(p, programId, digest);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                members.Add(reader.GetString(0));
            }
        }
        return [.. members];
    }));

    /// <summary>New referrals, then the outcomes of earlier ones, then the contact digests (deleted where a member has none now).</summary>
    private static void ApplyReferrals(SqliteConnection connection, InsightsBatch batch)
    {
        if (batch.Referrals.Count > 0)
        {
            using var command = Command(connection, """
                INSERT INTO insights_referrals (program_id, referral_id, code, referrer_member_id, referee_member_id, status, rejection,
                    referrer_points, referred_at, settled_at)
                VALUES ($program, $id, $code, $referrer, $referee, $status, $rejection, $points, $referred_at, $settled_at)
                ON CONFLICT (program_id, referral_id) DO NOTHING
                """);
            var p = Parameters(command, "$program", "$id", "$code", "$referrer", "$referee", "$status", "$rejection", "$points", "$referred_at", "$settled_at");
            foreach (var r in batch.Referrals)
            {
                Set(p, r.ProgramId, r.ReferralId, r.Code, r.ReferrerMemberId, r.RefereeMemberId, r.Status, r.Rejection, r.ReferrerPoints,
                    r.ReferredAt.ToUnixTimeMilliseconds(), r.SettledAt?.ToUnixTimeMilliseconds());
                command.ExecuteNonQuery();
            }
        }
        if (batch.ReferralOutcomes.Count > 0)
        {
            using var command = Command(connection, """
                UPDATE insights_referrals SET status = $status, rejection = $rejection, referrer_points = $points, settled_at = $settled_at
                WHERE program_id = $program AND referral_id = $id
                """);
            var p = Parameters(command, "$program", "$id", "$status", "$rejection", "$points", "$settled_at");
            foreach (var o in batch.ReferralOutcomes)
            {
                Set(p, o.ProgramId, o.ReferralId, o.Status, o.Rejection, o.ReferrerPoints, o.SettledAt.ToUnixTimeMilliseconds());
                command.ExecuteNonQuery();
            }
        }
        if (batch.ContactDigests.Count > 0)
        {
            using var delete = Command(connection, "DELETE FROM insights_contact_digests WHERE program_id = $program AND member_id = $member AND kind = $kind");
            var d = Parameters(delete, "$program", "$member", "$kind");
            using var upsert = Command(connection, """
                INSERT INTO insights_contact_digests (program_id, member_id, kind, digest) VALUES ($program, $member, $kind, $digest)
                ON CONFLICT (program_id, member_id, kind) DO UPDATE SET digest = excluded.digest
                """);
            var u = Parameters(upsert, "$program", "$member", "$kind", "$digest");
            foreach (var c in batch.ContactDigests)
            {
                if (c.Digest is null)
                {
                    Set(d, c.ProgramId, c.MemberId, c.Kind);
                    delete.ExecuteNonQuery();
                }
                else
                {
                    Set(u, c.ProgramId, c.MemberId, c.Kind, c.Digest);
                    upsert.ExecuteNonQuery();
                }
            }
        }
    }
}
