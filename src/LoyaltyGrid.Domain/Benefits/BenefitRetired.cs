using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Benefits;

public sealed record BenefitRetired(string BenefitId, DateTimeOffset RetiredAt) : ProgramEvent;
