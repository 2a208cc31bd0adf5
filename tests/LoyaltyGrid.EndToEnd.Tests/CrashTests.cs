using System.Collections.Concurrent;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>
/// The durability promise, tested the hard way: terminals buy as fast as they can, the silo is killed
/// with SIGKILL mid-stream, and after a restart every acknowledged purchase is there exactly once.
/// </summary>
public sealed class CrashTests
{
    private const int Terminals = 16;
    private const int MemberCount = 12;

    [Theory]
    [InlineData("Embedded")]
    [InlineData("PostgreSQL")]
    public async Task Kill_9_under_load_loses_no_acknowledged_purchase_and_counts_none_twice(string provider)
    {
        var options = await StorageAsync(provider);
        var fixture = new Fixture(await SiloProcess.StartAsync(options));
        var program = await CreateProgramAsync(fixture);
        var members = new List<string>();
        for (var i = 0; i < MemberCount; i++)
        {
            members.Add(await EnrollAsync(fixture, program));
        }

        var acknowledged = new ConcurrentDictionary<string, (RecordPurchaseRequest Request, RecordPurchaseResponse Response)>();
        var unknown = new ConcurrentDictionary<string, RecordPurchaseRequest>();
        await RunUntilKilledAsync(fixture, () => acknowledged.Count, async random =>
        {
            var request = Purchase(program, members[random.Next(members.Count)], ("sku", 1 + random.Next(3), 100 + random.Next(5000)));
            try
            {
                acknowledged[request.RequestId] = (request, await fixture.Checkout.RecordPurchaseAsync(request));
            }
            catch (RpcException)
            {
                // Not acknowledged: it may or may not have been recorded. The terminal will retry it.
                unknown[request.RequestId] = request;
            }
        });

        await using var restarted = await SiloProcess.StartAsync(options);
        fixture = new Fixture(restarted);

        foreach (var (request, response) in acknowledged.Values)
        {
            Assert.Equal(response, await fixture.Checkout.RecordPurchaseAsync(request));
        }
        foreach (var request in unknown.Values)
        {
            acknowledged[request.RequestId] = (request, await fixture.Checkout.RecordPurchaseAsync(request));
        }
        foreach (var member in members)
        {
            var ledger = await LedgerAsync(fixture, program, member);
            var expected = acknowledged.Values.Where(a => a.Request.MemberId == member).ToArray();
            Assert.Equal(
                expected.Select(a => a.Request.RequestId).Order(),
                ledger.Select(e => e.RequestId).Order());
            var balance = (await fixture.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member.Balance;
            Assert.Equal(expected.Sum(a => a.Response.PointsEarned), balance.Available);
            Assert.Equal(balance.Available, ledger.Sum(e => e.Points));
        }
    }

    [Theory]
    [InlineData("Embedded")]
    [InlineData("PostgreSQL")]
    public async Task Kill_9_during_redemptions_keeps_every_acknowledged_hold_and_capture_exactly_once(string provider)
    {
        var options = await StorageAsync(provider);
        var fixture = new Fixture(await SiloProcess.StartAsync(options));
        var program = await CreateProgramAsync(fixture);
        var members = new List<string>();
        for (var i = 0; i < MemberCount; i++)
        {
            var member = await EnrollAsync(fixture, program);
            await fixture.Checkout.RecordPurchaseAsync(Purchase(program, member, ("tv", 1, 100_000_00)));
            members.Add(member);
        }

        // Each terminal authorizes a few points and captures the hold, over and over.
        var acknowledged = new ConcurrentDictionary<string, string>();
        var unknown = new ConcurrentQueue<Func<Fixture, Task>>();
        await RunUntilKilledAsync(fixture, () => acknowledged.Count, async random =>
        {
            var member = members[random.Next(members.Count)];
            var authorize = Authorize(program, member, 1 + random.Next(50));
            string holdId;
            try
            {
                holdId = (await fixture.Checkout.AuthorizeRedemptionAsync(authorize)).HoldId;
                acknowledged[authorize.RequestId] = member;
            }
            catch (RpcException)
            {
                unknown.Enqueue(async f =>
                {
                    await f.Checkout.AuthorizeRedemptionAsync(authorize);
                    acknowledged[authorize.RequestId] = member;
                });
                return;
            }
            var capture = new CaptureRedemptionRequest { RequestId = NewId("req"), ProgramId = program, MemberId = member, HoldId = holdId };
            try
            {
                await fixture.Checkout.CaptureRedemptionAsync(capture);
                acknowledged[capture.RequestId] = member;
            }
            catch (RpcException)
            {
                unknown.Enqueue(async f =>
                {
                    await f.Checkout.CaptureRedemptionAsync(capture);
                    acknowledged[capture.RequestId] = member;
                });
            }
        });

        await using var restarted = await SiloProcess.StartAsync(options);
        fixture = new Fixture(restarted);
        foreach (var retry in unknown)
        {
            await retry(fixture);
        }
        foreach (var member in members)
        {
            var ledger = await LedgerAsync(fixture, program, member);
            var requests = ledger.Where(e => e.Type is LedgerEntryType.Hold or LedgerEntryType.Capture).Select(e => e.RequestId).ToArray();
            Assert.Equal(acknowledged.Where(a => a.Value == member).Select(a => a.Key).Order(), requests.Order());
            var balance = (await fixture.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member.Balance;
            Assert.Equal(balance.Available + balance.Held, ledger.Sum(e => e.Points));
            Assert.Equal(balance.LifetimeRedeemed, -ledger.Where(e => e.Type == LedgerEntryType.Capture).Sum(e => e.Points));
        }
    }

    [Fact]
    public async Task A_hold_open_when_the_silo_died_is_released_after_restart_without_anyone_asking()
    {
        var connectionString = await PostgresDatabase.CreateAsync();
        var options = SiloOptions.Postgres(connectionString);
        var fixture = new Fixture(await SiloProcess.StartAsync(options));
        var program = await CreateProgramAsync(fixture, holdTtl: TimeSpan.FromSeconds(2));
        var member = await EnrollAsync(fixture, program);
        await fixture.Checkout.RecordPurchaseAsync(Purchase(program, member, ("tv", 1, 1000)));
        var hold = await fixture.Checkout.AuthorizeRedemptionAsync(Authorize(program, member, 70));
        fixture.Silo.Kill();

        await using var restarted = await SiloProcess.StartAsync(options);

        // Nobody calls the member: the silo's wake-up service must find the expired hold in storage by itself.
        var stream = $"member/{program}/{member}";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await CountReleasesAsync(connectionString, stream, hold.HoldId) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The expired hold was not released after the restart.\n{restarted.Output}");
            await Task.Delay(250);
        }
        var balance = (await new Fixture(restarted).Members.GetMemberAsync(
            new GetMemberRequest { ProgramId = program, MemberId = member })).Member.Balance;
        Assert.Equal(new Balance { Available = 100, LifetimeEarned = 100 }, balance);
    }

    /// <summary>Reads the journal directly (asking the silo would activate the member and apply what is due).</summary>
    private static async Task<long> CountReleasesAsync(string connectionString, string stream, string holdId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT COALESCE(body, convert_to(payload, 'UTF8')) FROM lg_events WHERE stream_id = $1", connection);
        command.Parameters.AddWithValue(stream);
        await using var reader = await command.ExecuteReaderAsync();
        var releases = 0L;
        while (await reader.ReadAsync())
        {
            if (LoyaltyGrid.Storage.Formats.MemberEventCodec.Instance.Decode(reader.GetFieldValue<byte[]>(0))
                is LoyaltyGrid.Domain.Members.RedemptionReleased released && released.HoldId == holdId)
            {
                releases++;
            }
        }
        return releases;
    }

    private static async Task<SiloOptions> StorageAsync(string provider) => provider == "Embedded"
        ? SiloOptions.Embedded(Directory.CreateTempSubdirectory("lg-crash-").FullName)
        : SiloOptions.Postgres(await PostgresDatabase.CreateAsync());

    /// <summary>
    /// Runs <see cref="Terminals"/> terminals, each repeating <paramref name="step"/>, until 300 requests were
    /// acknowledged; then kills the silo with SIGKILL mid-stream and waits for the terminals to stop.
    /// </summary>
    private static async Task RunUntilKilledAsync(Fixture fixture, Func<int> acknowledged, Func<Random, Task> step)
    {
        using var stop = new CancellationTokenSource();
        var terminals = Enumerable.Range(0, Terminals).Select(t => Task.Run(async () =>
        {
            var random = new Random(t);
            while (!stop.IsCancellationRequested)
            {
                await step(random);
            }
        })).ToArray();
        while (acknowledged() < 300)
        {
            await Task.Delay(20);
        }
        fixture.Silo.Kill();
        await stop.CancelAsync();
        await Task.WhenAll(terminals);
    }

    /// <summary>Wraps a silo the test started itself, so it can use the same helpers as the class fixtures.</summary>
    private sealed class Fixture : SiloFixture
    {
        public Fixture(SiloProcess silo) => Use(silo);

        protected override Task<SiloOptions> CreateOptionsAsync() => throw new NotSupportedException();
    }
}
