using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Benefits;

public sealed record BenefitPublished(Benefit Benefit) : ProgramEvent;
