namespace LoyaltyGrid.Domain.Programs;

public sealed record PromotionEnded(string PromotionId, DateTimeOffset EndedAt) : ProgramEvent;
