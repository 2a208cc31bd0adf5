using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Storage.Insights;

namespace LoyaltyGrid.Grains.Insights;

/// <summary>
/// What the projection needs to know to settle a batch's events: the coalition of each of its programs that is one
/// (from the program grain: partners' terms of the past never change, so the current rules price every event the
/// same as they did when it was recorded), and the stored origins of the purchases and holds its returns,
/// cancellations and captures are of (<see cref="SettlementProjector.OriginsToRead"/>).
/// </summary>
public sealed record SettlementScope(
    IReadOnlyDictionary<string, Coalition> Coalitions,
    IReadOnlyDictionary<SettlementOriginKey, SettlementOriginRow> Origins)
{
    /// <summary>No program a coalition: every event the operator's, no entries, no origins.</summary>
    public static SettlementScope None { get; } = new(new Dictionary<string, Coalition>(), new Dictionary<SettlementOriginKey, SettlementOriginRow>());
}
