using LoyaltyGrid.Storage.Insights;
using Npgsql;
using NpgsqlTypes;

namespace LoyaltyGrid.Storage.PostgreSql;

/// <summary>The referral tables (Migrations/013_insights_referrals): referrals per program, and members' contact digests.</summary>
public sealed partial class PostgreSqlInsightsStore
{
    public async Task<ReferralPage> ListReferralsAsync(string programId, int? status, int pageSize, ReferralCursor? after,
        CancellationToken cancellationToken)
    {
        var parameters = new List<NpgsqlParameter> { new() { Value = programId } };
        var where = "program_id = $1";
        if (status is { } s)
        {
            parameters.Add(new NpgsqlParameter { Value = (short)s });
            where += $" AND status = ${parameters.Count}";
        }
        if (after is not null)
        {
            parameters.Add(new NpgsqlParameter { Value = after.ReferredAt.ToUnixTimeMilliseconds() });
            parameters.Add(new NpgsqlParameter { Value = after.ReferralId });
            where += $" AND (referred_at, referral_id) < (${parameters.Count - 1}, ${parameters.Count})";
        }
        parameters.Add(new NpgsqlParameter { Value = pageSize + 1 });
        await using var command = dataSource.CreateCommand($"""
            SELECT referral_id, code, referrer_member_id, referee_member_id, status, rejection, referrer_points, referred_at, settled_at
            FROM lg_insights_referrals WHERE {where}
            ORDER BY referred_at DESC, referral_id DESC LIMIT ${parameters.Count}
            """);
        command.Parameters.AddRange(parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ReferralRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ReferralRow(programId, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt16(4), reader.IsDBNull(5) ? null : reader.GetInt16(5), reader.GetInt64(6),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                reader.IsDBNull(8) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8))));
        }
        if (rows.Count <= pageSize)
        {
            return new ReferralPage(rows, null);
        }
        rows.RemoveAt(pageSize);
        return new ReferralPage(rows, new ReferralCursor(rows[^1].ReferredAt, rows[^1].ReferralId));
    }

    public async Task<IReadOnlyList<string>> ReadContactHoldersAsync(string programId, IReadOnlyCollection<string> digests,
        CancellationToken cancellationToken)
    {
        if (digests.Count == 0)
        {
            return [];
        }
        await using var command = dataSource.CreateCommand("""
            SELECT DISTINCT member_id FROM lg_insights_contact_digests WHERE program_id = $1 AND digest = ANY($2) ORDER BY member_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = programId });
        command.Parameters.Add(Texts(digests));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var members = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            members.Add(reader.GetString(0));
        }
        return members;
    }

    /// <summary>New referrals, then the outcomes of earlier ones, then the contact digests (deleted where a member has none now).</summary>
    private static void AddReferrals(NpgsqlBatch batch, InsightsBatch b)
    {
        if (b.Referrals.Count > 0)
        {
            var r = b.Referrals;
            batch.BatchCommands.Add(Command("""
                INSERT INTO lg_insights_referrals (program_id, referral_id, code, referrer_member_id, referee_member_id, status, rejection,
                    referrer_points, referred_at, settled_at)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::smallint[], $7::smallint[],
                    $8::bigint[], $9::bigint[], $10::bigint[])
                ON CONFLICT (program_id, referral_id) DO NOTHING
                """,
                Texts(r.Select(x => x.ProgramId)), Texts(r.Select(x => x.ReferralId)), Texts(r.Select(x => x.Code)),
                Texts(r.Select(x => x.ReferrerMemberId)), Texts(r.Select(x => x.RefereeMemberId)), Shorts(r.Select(x => (short?)x.Status)),
                Shorts(r.Select(x => (short?)x.Rejection)), Longs(r.Select(x => x.ReferrerPoints)),
                Longs(r.Select(x => x.ReferredAt.ToUnixTimeMilliseconds())), NullableLongs(r.Select(x => x.SettledAt?.ToUnixTimeMilliseconds()))));
        }
        if (b.ReferralOutcomes.Count > 0)
        {
            var o = b.ReferralOutcomes;
            batch.BatchCommands.Add(Command("""
                UPDATE lg_insights_referrals r SET status = u.status, rejection = u.rejection, referrer_points = u.points, settled_at = u.settled_at
                FROM unnest($1::text[], $2::text[], $3::smallint[], $4::smallint[], $5::bigint[], $6::bigint[])
                    AS u(program_id, referral_id, status, rejection, points, settled_at)
                WHERE r.program_id = u.program_id AND r.referral_id = u.referral_id
                """,
                Texts(o.Select(x => x.ProgramId)), Texts(o.Select(x => x.ReferralId)), Shorts(o.Select(x => (short?)x.Status)),
                Shorts(o.Select(x => (short?)x.Rejection)), Longs(o.Select(x => x.ReferrerPoints)),
                Longs(o.Select(x => x.SettledAt.ToUnixTimeMilliseconds()))));
        }
        var cleared = b.ContactDigests.Where(c => c.Digest is null).ToArray();
        if (cleared.Length > 0)
        {
            batch.BatchCommands.Add(Command("""
                DELETE FROM lg_insights_contact_digests d USING unnest($1::text[], $2::text[], $3::text[]) AS u(program_id, member_id, kind)
                WHERE d.program_id = u.program_id AND d.member_id = u.member_id AND d.kind = u.kind
                """,
                Texts(cleared.Select(x => x.ProgramId)), Texts(cleared.Select(x => x.MemberId)), Texts(cleared.Select(x => x.Kind))));
        }
        var held = b.ContactDigests.Where(c => c.Digest is not null).ToArray();
        if (held.Length > 0)
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO lg_insights_contact_digests (program_id, member_id, kind, digest)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
                ON CONFLICT (program_id, member_id, kind) DO UPDATE SET digest = EXCLUDED.digest
                """,
                Texts(held.Select(x => x.ProgramId)), Texts(held.Select(x => x.MemberId)), Texts(held.Select(x => x.Kind)),
                Texts(held.Select(x => x.Digest))));
        }
    }

    private static NpgsqlParameter Shorts(IEnumerable<short?> values) =>
        new() { Value = values.Select(v => v is { } x ? (object)x : DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint };

    private static NpgsqlParameter NullableLongs(IEnumerable<long?> values) =>
        new() { Value = values.Select(v => v is { } x ? (object)x : DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };
}
