namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// A fixed number of points per unit (<see cref="PointsPerUnit"/>) or per line (<see cref="PointsPerLine"/>, exactly one
/// of them non-zero) of the lines in <see cref="Scope"/> that earn and are paid for.
/// </summary>
public sealed record FixedBonusRule(long PointsPerUnit, long PointsPerLine, ItemScope Scope) : PromotionRule;
