using System.Text.Json.Serialization;

namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// What a member must be to be in a segment: every condition set holds (an unset one holds for everyone). All of them
/// read the member's own state (tier, balance, kept purchases, enrolment, the birthday its profile told), so a member
/// is evaluated alone, never by a scan of other members.
/// </summary>
public sealed record SegmentConditions
{
    /// <summary>The member's tier is one of these; empty: any tier, or none.</summary>
    public IReadOnlyList<string> TierIds { get; init; } = [];

    /// <summary>Available points at least / at most (inclusive); null: no bound.</summary>
    public long? MinPoints { get; init; }
    public long? MaxPoints { get; init; }

    /// <summary>The window, in days up to now, of the purchase count and spend bounds; 0 when neither is set.</summary>
    public int WindowDays { get; init; }

    /// <summary>Kept purchases in the window, at least / at most; null: no bound.</summary>
    public int? MinPurchases { get; init; }
    public int? MaxPurchases { get; init; }

    /// <summary>Qualifying spend kept in the window (minor units), at least / at most; null: no bound.</summary>
    public long? MinSpendMinor { get; init; }
    public long? MaxSpendMinor { get; init; }

    /// <summary>Whole days since the latest kept purchase, at least / at most; a member who never bought has no such days (fails a max, meets a min).</summary>
    public int? MinDaysSinceLastPurchase { get; init; }
    public int? MaxDaysSinceLastPurchase { get; init; }

    /// <summary>Enrolled at or after / before; null: no bound.</summary>
    public DateTimeOffset? EnrolledFrom { get; init; }
    public DateTimeOffset? EnrolledBefore { get; init; }

    /// <summary>The birthday (as the profile told it) is in one of these months (1-12); empty: any, or none known.</summary>
    public IReadOnlyList<int> BirthdayMonths { get; init; } = [];

    /// <summary>The member has granted marketing consent on every one of these channels; empty: consent not asked.</summary>
    public IReadOnlyList<Profiles.ConsentChannel> ConsentedChannels { get; init; } = [];

    /// <summary>The member bought at one of these merchants (in the window if <see cref="WindowDays"/> is set, else ever); empty: any.</summary>
    public IReadOnlyList<string> VisitedMerchantIds { get; init; } = [];

    /// <summary>Distinct merchants the member bought at (in the window if set, else ever), at least; null: no bound.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MinMerchantsVisited { get; init; }

    /// <summary>The member's latest NPS answer puts it in one of these; empty: any.</summary>
    public IReadOnlyList<NpsCategory> NpsCategories { get; init; } = [];

    /// <summary>RFM score bands (frequency and monetary over the window); null: not asked.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RfmBands? Rfm { get; init; }

    /// <summary>Whether a bound reads the purchase window.</summary>
    public bool ReadsWindow => MinPurchases is not null || MaxPurchases is not null || MinSpendMinor is not null || MaxSpendMinor is not null
        || Rfm is not null;

    /// <summary>Whether a merchant condition is set (it reads the window when one is given).</summary>
    [JsonIgnore]
    public bool ReadsMerchants => VisitedMerchantIds.Count > 0 || MinMerchantsVisited is not null;
}
