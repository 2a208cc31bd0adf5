namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// RFM scoring of one member against fixed edges, and the score bands a segment asks for. Each dimension scores 1-5 from
/// four ascending edges: recency 5 at or under <see cref="RecencyDays"/>[0] whole days since the latest kept purchase,
/// 4 at or under [1], 3 at or under [2], 2 at or under [3], else 1 (and 1 for a member who never bought); frequency
/// (kept purchases in the segment's window) and monetary (qualifying spend kept in the window, minor units) 5 at or
/// above [3], 4 at or above [2], 3 at or above [1], 2 at or above [0], else 1. Edges are the program's own (a chain
/// sets them from its own distribution, say its quintiles), so a member is scored alone, never ranked against others.
/// A bound of 0 is unset.
/// </summary>
public sealed record RfmBands
{
    public const int Edges = 4;

    public IReadOnlyList<int> RecencyDays { get; init; } = [];
    public IReadOnlyList<int> FrequencyPurchases { get; init; } = [];
    public IReadOnlyList<long> MonetaryMinor { get; init; } = [];

    public int MinRecency { get; init; }
    public int MaxRecency { get; init; }
    public int MinFrequency { get; init; }
    public int MaxFrequency { get; init; }
    public int MinMonetary { get; init; }
    public int MaxMonetary { get; init; }

    /// <summary>The recency score of a member <paramref name="days"/> whole days after its latest kept purchase (null: never bought).</summary>
    public int Recency(long? days)
    {
        if (days is not { } d)
        {
            return 1;
        }
        for (var i = 0; i < RecencyDays.Count; i++)
        {
            if (d <= RecencyDays[i])
            {
                return 5 - i;
            }
        }
        return 1;
    }

    public int Frequency(long purchases) => Rising(FrequencyPurchases, purchases);

    public int Monetary(long spendMinor) => Rising(MonetaryMinor, spendMinor);

    /// <summary>Whether scores fall in every band set.</summary>
    public bool Holds(int recency, int frequency, int monetary) =>
        In(recency, MinRecency, MaxRecency) && In(frequency, MinFrequency, MaxFrequency) && In(monetary, MinMonetary, MaxMonetary);

    private static bool In(int score, int min, int max) => (min == 0 || score >= min) && (max == 0 || score <= max);

    /// <summary>The rising score of <paramref name="value"/>: no copy of the edges, as it runs on every purchase.</summary>
    private static int Rising<T>(IReadOnlyList<T> edges, long value) where T : System.Numerics.IBinaryInteger<T>
    {
        for (var i = edges.Count - 1; i >= 0; i--)
        {
            if (value >= long.CreateTruncating(edges[i]))
            {
                return i + 2;
            }
        }
        return 1;
    }
}
