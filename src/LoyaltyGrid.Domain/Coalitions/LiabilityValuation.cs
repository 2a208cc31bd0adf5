namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// The value the coalition puts on one outstanding point from <see cref="EffectiveFrom"/> on: what it sets aside
/// for each point its members could still spend (usually close to the partners' reimbursement).
/// </summary>
public sealed record LiabilityValuation(DateTimeOffset EffectiveFrom, long MinorPerThousandPoints);
