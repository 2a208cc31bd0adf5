namespace LoyaltyGrid.Domain.Programs;

/// <summary>Every <see cref="Required"/> qualifying items bought, the next qualifying item is free (a discount line).</summary>
public sealed record PunchCardRule(int Required, ItemScope Scope) : PromotionRule;
