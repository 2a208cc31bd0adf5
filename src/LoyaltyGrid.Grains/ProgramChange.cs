using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Grains;

/// <summary>An accepted admin change (its audit entry) and the program's rules after it.</summary>
[GenerateSerializer, Immutable, Alias("lg.ProgramChange")]
public sealed record ProgramChange([property: Id(0)] ProgramEvent Event, [property: Id(1)] ProgramRules Rules);
