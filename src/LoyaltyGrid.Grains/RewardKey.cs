namespace LoyaltyGrid.Grains;

/// <summary>
/// Reward grain keys <c>{program_id}/{reward_id}</c> and streams <c>reward/{program_id}/{reward_id}</c>; a program's
/// catalogue grain is keyed by the program id, its stream <c>rewards/{program_id}</c>. Ids cannot contain '/'.
/// </summary>
public static class RewardKey
{
    public static string For(string programId, string rewardId) => $"{programId}/{rewardId}";

    private const string StreamPrefix = "reward/";

    public static string StreamOf(string grainKey) => StreamPrefix + grainKey;

    /// <summary>The grain key of a reward's stream, or null for any other stream (the catalogue's included).</summary>
    public static string? FromStream(string streamId) =>
        streamId.StartsWith(StreamPrefix, StringComparison.Ordinal) ? streamId[StreamPrefix.Length..] : null;

    public static string CatalogStreamOf(string programId) => "rewards/" + programId;

    public static (string ProgramId, string RewardId) Parse(string grainKey)
    {
        var slash = grainKey.IndexOf('/');
        return (grainKey[..slash], grainKey[(slash + 1)..]);
    }
}
