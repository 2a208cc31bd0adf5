namespace LoyaltyGrid.Grains;

/// <summary>Card alias grain keys and streams. Program ids cannot contain '/', so the first one splits the key.</summary>
public static class CardAliasKey
{
    public static string For(string programId, string cardAlias) => $"{programId}/{cardAlias}";

    public static string StreamOf(string grainKey) => "card/" + grainKey;

    public static (string ProgramId, string CardAlias) Parse(string grainKey)
    {
        var slash = grainKey.IndexOf('/');
        return (grainKey[..slash], grainKey[(slash + 1)..]);
    }
}
