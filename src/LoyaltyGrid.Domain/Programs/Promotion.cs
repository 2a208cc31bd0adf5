using System.Text.Json.Serialization;

namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// A time-limited offer. It applies to a purchase that happened in [<see cref="StartsAt"/>, <see cref="EndsAt"/>)
/// (from <see cref="EarlyAccess"/>'s start for members of a high enough tier), on the days of the week listed
/// (in the program's time zone; empty = every day), to the members <see cref="Target"/> selects, at most
/// <see cref="UsageLimitPerMember"/> times per member (0 = no limit).
/// </summary>
public sealed record Promotion(
    string PromotionId,
    string Name,
    PromotionRule Rule,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    PromotionTarget Target,
    int UsageLimitPerMember,
    EarlyAccess? EarlyAccess,
    IReadOnlyList<DayOfWeek> DaysOfWeek,
    DateTimeOffset CreatedAt)
{
    /// <summary>Set when an admin ended the promotion before <see cref="EndsAt"/>.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Where it applies; empty (and left out of the stored JSON): everywhere.</summary>
    public IReadOnlyList<PromotionLocation> Locations { get; init; } = [];

    /// <summary>The least basket (full price of the non-delivery lines) it needs; 0: none. Left out of the stored JSON while 0.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long MinBasketMinor { get; init; }

    /// <summary>Only for members in one of these segments; empty (and left out of the stored JSON): everyone the target selects.</summary>
    public IReadOnlyList<string> SegmentIds { get; init; } = [];

    /// <summary>Whether it applies at this merchant and store.</summary>
    public bool AppliesAt(string merchantId, string storeId)
    {
        if (Locations.Count == 0)
        {
            return true;
        }
        foreach (var location in Locations)
        {
            if (location.Includes(merchantId, storeId))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>When the promotion stops applying: its end, or when it was ended early.</summary>
    public DateTimeOffset EffectiveEnd => EndedAt is { } ended && ended < EndsAt ? ended : EndsAt;
}
