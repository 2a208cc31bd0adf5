using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>What tests/run.sh provides: the silo build, a PostgreSQL server and a Redis server.</summary>
public static class TestEnvironment
{
    public static string SiloAssembly => Metadata("SiloAssembly");

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string MessageSenderAssembly => Metadata("MessageSenderAssembly");

    public static string PostgresConnectionString => Required("LOYALTYGRID_TEST_POSTGRES");

    public static string RedisConnectionString => Required("LOYALTYGRID_TEST_REDIS");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Run the suite with tests/run.sh, which starts PostgreSQL and Redis and sets it.");

    private static string Metadata(string key) =>
        typeof(TestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
