namespace LoyaltyGrid.Domain.Programs;

public sealed record PromotionCreated(Promotion Promotion) : ProgramEvent;
