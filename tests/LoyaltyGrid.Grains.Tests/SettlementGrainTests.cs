using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SettlementGrainTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData("9999-12-31T23:59:00Z")]
    [InlineData("9999-12-31T23:59:59.9999999Z")]
    [InlineData("9999-12-31T00:00:00Z")]
    public async Task A_period_ending_at_the_end_of_time_is_refused_on_period_end(string periodEnd)
    {
        var program = await CoalitionAsync();

        var reply = await fixture.Grains.GetGrain<ISettlementGrain>(program)
            .Compute(fixture.Time.GetUtcNow().AddDays(-1), DateTimeOffset.Parse(periodEnd, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((ErrorKind.InvalidArgument, "period_end"), (reply.Error!.Kind, reply.Error.Violations!.Single().Field));
    }

    [Fact]
    public async Task The_latest_period_end_allowed_settles_as_an_open_period()
    {
        var program = await CoalitionAsync();

        var reply = await fixture.Grains.GetGrain<ISettlementGrain>(program)
            .Compute(fixture.Time.GetUtcNow().AddDays(-1), CoalitionLimits.LatestPeriodEnd);

        Assert.False(reply.Unwrap().Closed);
    }

    private async Task<string> CoalitionAsync()
    {
        var program = Guid.NewGuid().ToString("N")[..20];
        var grain = fixture.Grains.GetGrain<IProgramGrain>(program);
        (await grain.Create(new CreateProgram(Guid.NewGuid().ToString("N"), program, "Shop", "EUR", 10, null, null, null))).Unwrap();
        (await grain.Change(new ConfigureCoalition(Guid.NewGuid().ToString("N"), program, "admin", "Operator", 8500))).Unwrap();
        return program;
    }
}
