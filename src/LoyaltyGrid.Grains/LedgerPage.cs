using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Grains;

/// <param name="NextBeforeSequence">Where the next page starts (exclusive), or null on the last page.</param>
[GenerateSerializer, Immutable, Alias("lg.LedgerPage")]
public sealed record LedgerPage([property: Id(0)] IReadOnlyList<LedgerEntry> Entries, [property: Id(1)] long? NextBeforeSequence);
