namespace LoyaltyGrid.Domain.Tests.Coalitions;

/// <summary>A period boundary of a <see cref="CoalitionScenario"/>: per mille of the history, or the server time of one of its events.</summary>
public sealed record CoalitionCut(bool AtEvent, int Pick)
{
    public override string ToString() => AtEvent ? $"event #{Pick}" : $"{Pick}‰";
}
