using System.Reflection;
using Npgsql;

namespace LoyaltyGrid.Baseline;

/// <summary>
/// Creates the tables and queries of Orleans' AdoNet grain storage by running the provider's own PostgreSQL scripts
/// (Sql/, from dotnet/orleans), once per database. The provider reads its queries from <c>OrleansQuery</c> when the
/// silo starts, so this has to finish first.
/// </summary>
public static class AdoNetSchema
{
    // In the order dotnet/orleans documents: the shared query table, then the persistence provider's part.
    private static readonly string[] s_scripts = ["PostgreSQL-Main.sql", "PostgreSQL-Persistence.sql"];

    // Any constant works; it keeps two hosts starting on one empty database from both running the scripts.
    private const long SetupLock = 0x4c47_4261_7365;

    public static async Task EnsureCreatedAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_xact_lock({SetupLock})", cancellationToken);

        // The scripts are not re-runnable (plain CREATE TABLE, INSERT of the query rows), so they run only on a
        // database that has none of it yet.
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('orleansstorage') IS NOT NULL", connection))
        {
            if ((bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return;
            }
        }

        foreach (string script in s_scripts)
        {
            await Execute(connection, ReadScript(script), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string ReadScript(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded script {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
