using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>A benefit published through one silo of a two-silo cluster (Redis membership, one PostgreSQL journal).</summary>
public sealed class BenefitsTwoSiloTests
{
    [Fact]
    public async Task A_benefit_published_on_one_silo_is_offered_by_the_next_checkout_and_watch_on_the_other()
    {
        var options = await SiloOptions.RedisClusterAsync();
        await using var siloA = await SiloProcess.StartAsync(options);
        await using var siloB = await SiloProcess.StartAsync(options);
        var a = new Fixture(siloA);
        var b = new Fixture(siloB);
        var program = await CreateProgramAsync(a);
        var members = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            members.Add(await EnrollAsync(a, program));
        }
        // Checkouts through B before the publication: B's cache (and every member grain's silo) holds the old rules.
        foreach (var member in members)
        {
            Assert.Empty((await b.Checkout.RecordPurchaseAsync(Purchase(program, member, ("sku", 1, 1000)))).EligibleBenefits);
        }
        using var cancel = new CancellationTokenSource();
        using var watch = new Benefits.BenefitsClient(siloB.GrpcChannel)
            .WatchBenefits(new WatchBenefitsRequest { ProgramId = program }, TestKeys.Authorization(TestKeys.Bootstrap), cancellationToken: cancel.Token);
        Assert.Equal(BenefitChangeKind.Synced, (await BenefitsTests.NextAsync(watch)).Kind);

        await new Benefits.BenefitsClient(siloA.Channel).PublishBenefitAsync(BenefitsTests.Benefit(program, "spring-sale"));

        // No waiting: the publication answered only after every silo had the new rules.
        foreach (var member in members)
        {
            var response = await b.Checkout.RecordPurchaseAsync(Purchase(program, member, ("sku", 1, 1000)));
            Assert.Equal("spring-sale", Assert.Single(response.EligibleBenefits).BenefitId);
        }
        var seen = await BenefitsTests.NextAsync(watch);
        Assert.Equal((BenefitChangeKind.Published, "spring-sale"), (seen.Kind, seen.Benefit.BenefitId));
        cancel.Cancel();
    }

    private sealed class Fixture : SiloFixture
    {
        public Fixture(SiloProcess silo) => Use(silo);

        protected override Task<SiloOptions> CreateOptionsAsync() => throw new NotSupportedException();
    }
}
