namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// Points a member gets for something done outside a purchase (a review written, the app installed), named by its
/// <see cref="EventType"/>. At most <see cref="Cap"/> awards per member per <see cref="Period"/> (one, ever, for
/// <see cref="EventCapPeriod.Once"/>), only in [<see cref="StartsAt"/>, <see cref="EndsAt"/>) and before
/// <see cref="EndedAt"/>, and only for members in one of <see cref="TierIds"/> (empty: every member).
/// </summary>
public sealed record EventRule(
    string EventType,
    string Name,
    long Points,
    EventCapPeriod Period,
    int Cap,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    IReadOnlyList<string> TierIds)
{
    /// <summary>Only for members in one of these segments; empty (and left out of the stored JSON): every member the tiers allow.</summary>
    public IReadOnlyList<string> SegmentIds { get; init; } = [];

    /// <summary>When an admin ended the rule (EndEventRule); null while it runs. A later upsert starts it again.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>When the rule stops applying: the earlier of its end and when it was ended; null: open.</summary>
    public DateTimeOffset? EffectiveEnd => EndedAt is { } ended && (EndsAt is null || ended < EndsAt) ? ended : EndsAt;

    public bool ActiveAt(DateTimeOffset at) => (StartsAt is null || StartsAt <= at) && (EffectiveEnd is null || at < EffectiveEnd);
}
