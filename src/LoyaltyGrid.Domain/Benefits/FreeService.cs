namespace LoyaltyGrid.Domain.Benefits;

/// <summary>The service a <see cref="BenefitKind.FreeService"/> benefit gives.</summary>
public enum FreeService
{
    None,
    AdvanceReplacement,
    OnSiteService,
    ExtendedWarranty,
}
