namespace LoyaltyGrid.Domain.Members;

/// <summary>How much of one purchase has come back so far; made on its first return (most purchases never have one).</summary>
public sealed class ReturnProgress
{
    public Dictionary<string, long> ReturnedQuantities { get; init; } = new(StringComparer.Ordinal);

    public long ReturnedMinor { get; set; }

    /// <summary>Points reversed so far, including any written off.</summary>
    public long ReversedPoints { get; set; }

    /// <summary>Of the returned items' share so far, points not taken back because they had already expired (<see cref="ReturnRecorded.AlreadyExpired"/>).</summary>
    public long AlreadyExpired { get; set; }

    /// <summary>Points reversed so far per component rule.</summary>
    public Dictionary<string, long> ReversedByRule { get; init; } = new(StringComparer.Ordinal);

    public HashSet<string> PromotionsReleased { get; init; } = new(StringComparer.Ordinal);

    public bool CouponsReleased { get; set; }

    /// <summary>
    /// Per punch card, stamps a return could not give back because the card was full (or, on returns written before
    /// stamps could be owed, not take back because it was empty); later returns of this purchase settle them, so
    /// returning it in pieces ends where returning it at once would.
    /// </summary>
    public Dictionary<string, long> PunchCarry { get; init; } = new(StringComparer.Ordinal);
}
