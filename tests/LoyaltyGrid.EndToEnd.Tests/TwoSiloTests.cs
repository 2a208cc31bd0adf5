using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>Two silo processes joined by Redis membership over one PostgreSQL journal.</summary>
public sealed class TwoSiloTests
{
    [Fact]
    public async Task Terminals_on_two_silos_share_one_member_and_never_double_count()
    {
        var options = await SiloOptions.RedisClusterAsync();
        await using var siloA = await SiloProcess.StartAsync(options);
        await using var siloB = await SiloProcess.StartAsync(options);
        var a = new Fixture(siloA);
        var b = new Fixture(siloB);
        var program = await CreateProgramAsync(a);
        var member = await EnrollAsync(a, program);

        // Both silos hit the same member at once: one activation in the cluster serialises them.
        var purchases = Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? a : b).Checkout.RecordPurchaseAsync(Purchase(program, member, ("sku", 1, 1000))).ResponseAsync);
        var responses = await Task.WhenAll(purchases);

        Assert.Equal(40 * 100, responses.Max(r => r.Balance.Available));
        Assert.Equal(40, responses.Select(r => r.Balance.Available).Distinct().Count());
        var viaA = await a.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member });
        var viaB = await b.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member });
        Assert.Equal(viaA.Member, viaB.Member);
        Assert.Equal(4000, viaB.Member.Balance.Available);
    }

    private sealed class Fixture : SiloFixture
    {
        public Fixture(SiloProcess silo) => Use(silo);

        protected override Task<SiloOptions> CreateOptionsAsync() => throw new NotSupportedException();
    }
}
