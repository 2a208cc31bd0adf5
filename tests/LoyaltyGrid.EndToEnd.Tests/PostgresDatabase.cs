using Npgsql;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>A fresh, empty database on the test PostgreSQL server, so tests never see each other's data.</summary>
public static class PostgresDatabase
{
    public static async Task<string> CreateAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString);
        var name = "lg_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        admin.Database = name;
        admin.MaxPoolSize = 40;
        return admin.ConnectionString;
    }
}
