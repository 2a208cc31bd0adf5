namespace LoyaltyGrid.Domain.Tests.Coalitions;

/// <summary>
/// A generated coalition history and where to cut it into settlement periods. A cut either falls at a fraction
/// (per mille) of the whole history, or exactly at the server time of one of its events (<see cref="CoalitionCut.AtEvent"/>),
/// to probe that an event at a period's end belongs to the next period.
/// </summary>
public sealed record CoalitionScenario(
    bool AllowNegativeBalance,
    int PendingDays,
    IReadOnlyList<CoalitionOperation> Operations,
    IReadOnlyList<CoalitionCut> Cuts)
{
    public override string ToString() =>
        $"negative balances {(AllowNegativeBalance ? "on" : "off")}, pending {PendingDays} days, cuts [{string.Join(", ", Cuts)}]: " +
        string.Join("; ", Operations);
}
