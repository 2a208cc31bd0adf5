namespace LoyaltyGrid.Domain.Benefits;

/// <summary>A benefit as a checkout offered it: what the POS needs to apply it, kept with the purchase.</summary>
public sealed record BenefitOffer(
    string BenefitId,
    string Name,
    BenefitKind Kind,
    int PercentOff,
    long AmountOffMinor,
    FreeService Service,
    long BonusPoints,
    DateTimeOffset ValidUntil)
{
    public static BenefitOffer Of(Benefit b) =>
        new(b.BenefitId, b.Name, b.Kind, b.PercentOff, b.AmountOffMinor, b.Service, b.BonusPoints, b.EffectiveEnd);
}
