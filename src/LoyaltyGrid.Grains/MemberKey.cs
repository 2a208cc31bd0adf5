namespace LoyaltyGrid.Grains;

/// <summary>Member grain keys and journal stream names. Ids cannot contain '/', so the split is unambiguous.</summary>
public static class MemberKey
{
    private const string StreamPrefix = "member/";

    public static string For(string programId, string memberId) => $"{programId}/{memberId}";

    public static string StreamOf(string grainKey) => StreamPrefix + grainKey;

    /// <summary>The grain key of a member stream, or null for other streams.</summary>
    public static string? FromStream(string streamId) =>
        streamId.StartsWith(StreamPrefix, StringComparison.Ordinal) ? streamId[StreamPrefix.Length..] : null;

    public static (string ProgramId, string MemberId) Parse(string grainKey)
    {
        var slash = grainKey.IndexOf('/');
        return (grainKey[..slash], grainKey[(slash + 1)..]);
    }
}
