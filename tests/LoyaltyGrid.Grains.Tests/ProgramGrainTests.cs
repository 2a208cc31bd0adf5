using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Core.Internal;

namespace LoyaltyGrid.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ProgramGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_rule_change_is_in_every_silos_cache_when_Change_returns()
    {
        var program = await CreatedProgramAsync();
        // Both silos hold version 0, fresh enough that neither would re-read it by itself.
        foreach (var cache in fixture.RulesCaches)
        {
            Assert.Equal(0, (await cache.GetAsync(program)).Version);
        }

        var change = (await Program(program).Change(Tier(program, "gold", 1000))).Unwrap();

        Assert.Equal(2, fixture.RulesCaches.Count);
        foreach (var cache in fixture.RulesCaches)
        {
            var rules = await cache.GetAsync(program);
            Assert.Equal(1, rules.Version);
            Assert.Equal(JournalJson.Serialize(change.Rules), JournalJson.Serialize(rules));
        }
    }

    [Fact]
    public async Task A_program_created_after_a_cache_miss_is_found_at_once()
    {
        var program = NewId();
        var cache = fixture.RulesCaches[1];
        var miss = await Assert.ThrowsAsync<LoyaltyException>(async () => await cache.GetAsync(program));
        Assert.Equal((ErrorKind.NotFound, "PROGRAM_NOT_FOUND"), (miss.Error.Kind, miss.Error.Reason));

        await CreatedProgramAsync(program);

        Assert.Equal(program, (await cache.GetAsync(program)).ProgramId);
    }

    [Fact]
    public async Task A_cache_keeps_the_newer_rules_when_an_older_version_arrives_late()
    {
        var cache = new ProgramRulesCache(fixture.Grains, new FakeTimeProvider(), NullLogger<ProgramRulesCache>.Instance);
        var v1 = Rules("late", version: 1);
        var v2 = Rules("late", version: 2);

        cache.Offer(v2);
        var held = cache.Offer(v1);

        Assert.Same(v2, held);
        Assert.Same(v2, await cache.GetAsync("late"));
    }

    [Fact]
    public async Task A_cache_that_missed_a_change_re_reads_it_once_its_entry_is_older_than_the_maximum_age()
    {
        var program = await CreatedProgramAsync();
        // A cache no program grain knows of stands for a silo the broadcast could not reach.
        var clock = new FakeTimeProvider(fixture.Time.GetUtcNow());
        var cache = new ProgramRulesCache(fixture.Grains, clock, NullLogger<ProgramRulesCache>.Instance);
        Assert.Equal(0, (await cache.GetAsync(program)).Version);
        (await Program(program).Change(Tier(program, "gold", 1000))).Unwrap();
        Assert.Equal(0, (await cache.GetAsync(program)).Version);

        clock.Advance(ProgramRulesCache.MaxAge + TimeSpan.FromSeconds(1));

        // The stale entry still answers at once; the re-read happens behind it.
        Assert.Equal(0, (await cache.GetAsync(program)).Version);
        for (var i = 0; i < 100 && (await cache.GetAsync(program)).Version == 0; i++)
        {
            await Task.Delay(20);
        }
        Assert.Equal(1, (await cache.GetAsync(program)).Version);
    }

    [Fact]
    public async Task A_retried_change_returns_the_same_event_and_changes_nothing_more()
    {
        var program = await CreatedProgramAsync();
        var upsert = Tier(program, "gold", 1000);

        var first = (await Program(program).Change(upsert)).Unwrap();
        var retry = (await Program(program).Change(upsert)).Unwrap();

        Assert.Equal(JournalJson.Serialize(first.Event), JournalJson.Serialize(retry.Event));
        Assert.Equal((1L, 1L), (first.Rules.Version, retry.Rules.Version));
        Assert.Equal(2, (await fixture.Store.ReadForwardAsync("program/" + program, 0, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_request_id_reused_for_a_different_change_is_refused_as_already_existing()
    {
        var program = await CreatedProgramAsync();
        var upsert = Tier(program, "gold", 1000);
        (await Program(program).Change(upsert)).Unwrap();

        var reused = await Program(program).Change(upsert with { Tier = upsert.Tier with { Threshold = 2000 } });

        Assert.Equal((ErrorKind.AlreadyExists, "REQUEST_ID_REUSED"), (reused.Error!.Kind, reused.Error.Reason));
        Assert.Equal(1000, (await Program(program).Get()).Unwrap().Tier("gold")!.Threshold);
    }

    [Fact]
    public async Task Change_refuses_to_create_a_program()
    {
        var program = NewId();

        var reply = await Program(program).Change(new CreateProgram(NewId(), program, "Shop", "EUR", 10, null, null, null));

        Assert.Equal((ErrorKind.InvalidArgument, "command"), (reply.Error!.Kind, reply.Error.Violations!.Single().Field));
        Assert.Equal("PROGRAM_NOT_FOUND", (await Program(program).Get()).Error!.Reason);
    }

    [Fact]
    public async Task Changing_a_program_that_does_not_exist_is_not_found()
    {
        var program = NewId();

        var reply = await Program(program).Change(Tier(program, "gold", 1000));

        Assert.Equal((ErrorKind.NotFound, "PROGRAM_NOT_FOUND"), (reply.Error!.Kind, reply.Error.Reason));
    }

    [Fact]
    public async Task Changes_survive_deactivation_and_a_retry_afterwards_still_counts_once()
    {
        var program = await CreatedProgramAsync();
        var silver = Tier(program, "silver", 500);
        (await Program(program).Change(silver)).Unwrap();
        var gold = (await Program(program).Change(Tier(program, "gold", 1000))).Unwrap();

        await DeactivateAsync(Program(program));

        var after = (await Program(program).Get()).Unwrap();
        Assert.Equal(JournalJson.Serialize(gold.Rules), JournalJson.Serialize(after));
        Assert.Equal(["silver", "gold"], after.Tiers.Select(t => t.TierId));
        var retry = (await Program(program).Change(silver)).Unwrap();
        Assert.Equal(2, retry.Rules.Version);
    }

    private async Task<string> CreatedProgramAsync(string? program = null)
    {
        program ??= NewId();
        (await Program(program).Create(new CreateProgram(NewId(), program, "Shop", "EUR", 10, null, null, null))).Unwrap();
        return program;
    }

    private IProgramGrain Program(string program) => fixture.Grains.GetGrain<IProgramGrain>(program);

    private static UpsertTier Tier(string program, string tierId, long threshold) =>
        new(NewId(), program, "admin", new TierDefinition(tierId, tierId, threshold, 150, []));

    private static ProgramRules Rules(string program, long version) => new()
    {
        Settings = new CreateProgram("r", program, "Shop", "EUR", 10, null, null, null).ToSettings(DateTimeOffset.UnixEpoch),
        Version = version,
    };

    private static async Task DeactivateAsync(IProgramGrain grain)
    {
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        // Deactivation completes asynchronously after the call returns.
        await Task.Delay(200);
    }

    private static string NewId() => Guid.NewGuid().ToString("N")[..20];
}
