namespace LoyaltyGrid.Grains;

/// <summary>Which rewards a program has, in the order they were created. Key: the program id.</summary>
[Alias("lg.IRewardCatalogGrain")]
public interface IRewardCatalogGrain : IGrainWithStringKey
{
    /// <summary>Lists a reward (durable); a reward listed already is a no-op. REWARD_LIMIT_EXCEEDED past the catalogue's limit.</summary>
    [Alias("Add")]
    Task<GrainReply<bool>> Add(string rewardId);

    [Alias("List")]
    Task<IReadOnlyList<string>> List();
}
