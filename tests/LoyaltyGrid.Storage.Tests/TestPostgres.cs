using Npgsql;

namespace LoyaltyGrid.Storage.Tests;

/// <summary>The PostgreSQL server tests/run.sh starts, and throw-away databases on it.</summary>
public static class TestPostgres
{
    public const string Variable = "LOYALTYGRID_TEST_POSTGRES";

    /// <summary>Fails rather than skips: a storage suite that silently ran on SQLite only would prove half of what it claims.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the storage tests with tests/run.sh " +
                "(e.g. bash tests/run.sh --filter \"FullyQualifiedName~LoyaltyGrid.Storage.Tests\"), " +
                "which starts a private PostgreSQL server and sets it.");

    /// <summary>Creates an empty database and returns its name and a connection string to it.</summary>
    public static async Task<(string Name, string ConnectionString)> CreateDatabaseAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        var name = "lg_storage_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync(builder.ConnectionString, $"CREATE DATABASE {name}");
        builder.Database = name;
        builder.MaxPoolSize = 40;
        return (name, builder.ConnectionString);
    }

    public static Task DropDatabaseAsync(string name) =>
        ExecuteAsync(ConnectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
