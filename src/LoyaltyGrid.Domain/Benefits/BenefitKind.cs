namespace LoyaltyGrid.Domain.Benefits;

/// <summary>What a shared benefit gives a member at a participating partner.</summary>
public enum BenefitKind
{
    /// <summary><see cref="Benefit.PercentOff"/> percent off, applied by the partner's POS.</summary>
    PercentageDiscount,

    /// <summary><see cref="Benefit.AmountOffMinor"/> off, applied by the partner's POS.</summary>
    FixedDiscount,

    /// <summary>A service the partner provides free (<see cref="Benefit.Service"/>).</summary>
    FreeService,

    /// <summary><see cref="Benefit.BonusPoints"/> extra points on a purchase the POS applies it to.</summary>
    BonusPoints,

    /// <summary>Access to a sale before it opens to everyone; the partner decides what that unlocks.</summary>
    EarlySaleAccess,
}
