using Grpc.Core;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>A reward's stock under concurrent redemptions through both silos of a two-silo cluster (Redis membership, one PostgreSQL journal).</summary>
public sealed class RewardsTwoSiloTests
{
    [Fact]
    public async Task Concurrent_redemptions_through_two_silos_never_take_more_than_the_stock()
    {
        var options = await SiloOptions.RedisClusterAsync();
        await using var siloA = await SiloProcess.StartAsync(options);
        await using var siloB = await SiloProcess.StartAsync(options);
        var a = new Fixture(siloA);
        var program = await CreateProgramAsync(a);
        var members = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            members.Add(await RewardsTests.MemberWithAsync(a, program, 1_000));
        }
        await new Rewards.RewardsClient(siloA.Channel).CreateRewardAsync(RewardsTests.Create(program, RewardsTests.Discount("coffee", points: 300, stock: 5)));
        var clients = new[] { new Rewards.RewardsClient(siloA.Channel), new Rewards.RewardsClient(siloB.Channel) };

        // Every member asks twice, once through each silo, all at once: 24 requests for 5 units.
        var calls = members.SelectMany((member, i) => new[] { clients[i % 2], clients[(i + 1) % 2] }
            .Select(async client =>
            {
                try
                {
                    return ((await client.RedeemRewardAsync(RewardsTests.Redeem(program, member, "coffee"))).Redemption.Code, "");
                }
                catch (RpcException ex)
                {
                    return ("", Refusal(ex).Reason);
                }
            })).ToArray();
        var outcomes = await Task.WhenAll(calls);
        var listed = await clients[1].ListRewardsAsync(new ListRewardsRequest { ProgramId = program });
        long redeemed = 0;
        foreach (var member in members)
        {
            redeemed += (await a.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member.Balance.LifetimeRedeemed;
        }

        var codes = outcomes.Where(o => o.Item1 != "").Select(o => o.Item1).ToArray();
        Assert.Equal(5, codes.Distinct().Count());
        Assert.Equal(5, codes.Length);
        Assert.All(outcomes.Where(o => o.Item1 == ""), o => Assert.Equal("REWARD_OUT_OF_STOCK", o.Item2));
        Assert.Equal(0L, Assert.Single(listed.Rewards).Reward.StockLeft);
        Assert.Equal(5 * 300L, redeemed);
    }

    private sealed class Fixture : SiloFixture
    {
        public Fixture(SiloProcess silo) => Use(silo);

        protected override Task<SiloOptions> CreateOptionsAsync() => throw new NotSupportedException();
    }
}
