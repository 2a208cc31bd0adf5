using LoyaltyGrid.Domain.Coalitions;

namespace LoyaltyGrid.Grains;

/// <summary>A settlement and whether its period is over (its figures final) at the time it was computed.</summary>
[GenerateSerializer, Immutable, Alias("lg.SettlementResult")]
public sealed record SettlementResult([property: Id(0)] SettlementReport Report, [property: Id(1)] bool Closed);
