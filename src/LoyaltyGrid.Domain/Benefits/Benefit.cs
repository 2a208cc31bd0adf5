using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Benefits;

/// <summary>
/// A perk the association offers its members at participating partners, in [<see cref="ValidFrom"/>,
/// <see cref="ValidUntil"/>) unless retired earlier, to the members <see cref="Target"/> selects. Unlike a promotion,
/// the partner's POS applies a discount or service itself and reports the benefits it applied, so usage can be
/// counted per partner.
/// </summary>
/// <param name="PercentOff">For <see cref="BenefitKind.PercentageDiscount"/>: 1-100. 0 otherwise.</param>
/// <param name="AmountOffMinor">For <see cref="BenefitKind.FixedDiscount"/>: in the program's currency. 0 otherwise.</param>
/// <param name="Service">For <see cref="BenefitKind.FreeService"/>; <see cref="FreeService.None"/> otherwise.</param>
/// <param name="BonusPoints">For <see cref="BenefitKind.BonusPoints"/>. 0 otherwise.</param>
/// <param name="MerchantIds">The participating partners; empty = every merchant of the program.</param>
/// <param name="PublishedBy">The actor who published it (the audit entry has it too).</param>
public sealed record Benefit(
    string BenefitId,
    string Name,
    BenefitKind Kind,
    int PercentOff,
    long AmountOffMinor,
    FreeService Service,
    long BonusPoints,
    PromotionTarget Target,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    IReadOnlyList<string> MerchantIds,
    DateTimeOffset PublishedAt,
    string PublishedBy)
{
    /// <summary>Only for members in one of these segments; empty (and left out of the stored JSON): every member the target selects.</summary>
    public IReadOnlyList<string> SegmentIds { get; init; } = [];

    /// <summary>Set when an admin retired the benefit.</summary>
    public DateTimeOffset? RetiredAt { get; init; }

    public string? RetiredBy { get; init; }

    /// <summary>When the benefit stops applying: the end of its validity, or when it was retired.</summary>
    public DateTimeOffset EffectiveEnd => RetiredAt is { } retired && retired < ValidUntil ? retired : ValidUntil;

    public bool IsValidAt(DateTimeOffset at) => ValidFrom <= at && at < EffectiveEnd;

    public bool ParticipatesIn(string merchantId) => MerchantIds.Count == 0 || MerchantIds.Contains(merchantId, StringComparer.Ordinal);
}
