namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// A merchant that is or was a partner of a coalition, with its whole history (joins, changes of terms, leaving,
/// joining again), ordered by <see cref="PartnerChange.EffectiveFrom"/>. A partner that left stays here: its past
/// purchases can still be returned and its past holds captured, and settlement prices those on its old terms.
/// </summary>
public sealed record Partner(string MerchantId, IReadOnlyList<PartnerChange> History)
{
    /// <summary>The terms in force at <paramref name="time"/>, or null before the partner joined or while it has left.</summary>
    public PartnerTerms? TermsAt(DateTimeOffset time)
    {
        // Several entries may share a time (a change scheduled for the moment of another): the last one wins.
        PartnerTerms? terms = null;
        foreach (var change in History)
        {
            if (change.EffectiveFrom > time)
            {
                break;
            }
            terms = change.Terms;
        }
        return terms;
    }

    public DateTimeOffset JoinedAt() => History[0].EffectiveFrom;

    /// <summary>When the partner left (or is scheduled to), or null while it is a partner for good.</summary>
    public DateTimeOffset? LeftAt() => History[^1].Terms is null ? History[^1].EffectiveFrom : null;

    public PartnerChange Latest() => History[^1];

    /// <summary>Whether the partner was in the coalition at some moment of [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public bool WasPartnerDuring(DateTimeOffset start, DateTimeOffset end) =>
        TermsAt(start) is not null || History.Any(c => c.Terms is not null && c.EffectiveFrom >= start && c.EffectiveFrom < end);
}
