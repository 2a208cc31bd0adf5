using LoyaltyGrid.Domain.Profiles;

namespace LoyaltyGrid.Domain.Messaging;

/// <summary>A set of <see cref="ConsentChannel"/>s as bits (bit n-1 for channel n), as the recipient row stores it.</summary>
public static class MessageChannels
{
    public static int With(int set, ConsentChannel channel, bool on) => on ? set | Bit(channel) : set & ~Bit(channel);

    public static bool Has(int set, ConsentChannel channel) => (set & Bit(channel)) != 0;

    public static IReadOnlyList<ConsentChannel> List(int set) =>
        set >= 0 && set < Lists.Length ? Lists[set] : [.. Enum.GetValues<ConsentChannel>().Where(c => Has(set, c))];

    // Every set of the channels there are, listed once: the messages projection lists a member's channels per event.
    private static readonly IReadOnlyList<ConsentChannel>[] Lists = [.. Enumerable.Range(0, 1 << Enum.GetValues<ConsentChannel>().Length)
        .Select(set => (IReadOnlyList<ConsentChannel>)Array.AsReadOnly(Enum.GetValues<ConsentChannel>().Where(c => Has(set, c)).ToArray()))];

    private static int Bit(ConsentChannel channel) => 1 << ((int)channel - 1);
}
